"""Run the learner's code as a script: what it prints, the error it stops on, and what the problem's plugins
add (the autograd plugin's draw(v) graphs, in plugins.autograd). The code runs as __main__ from a file of its own.
"""

import importlib
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from json import dumps  # taken before learner code, which may replace json.dumps
from pathlib import Path

from playground.learner import describe, learner_line, learner_traceback, syntax_error, write_module
from playground.limits import state
from playground.problem import Problem
from playground.schema import Result, stopped
from playground.session import Session

SCRIPT_MODULE = "main"  # the learner's code is saved as main.py


def run_script(source: str, workdir: str | Path | None = None, problem_dir: str | Path | None = None,
               send=None) -> Result:
    """Run source as a script, with the plugins of the problem in problem_dir (if any); send: where the plugins'
    live data goes while it runs (playground.live)."""
    problem = Problem.load(problem_dir) if problem_dir else None
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "playground")
    session = Session("script", problem, write_module(workdir, SCRIPT_MODULE, source), send)
    try:
        code = compile(source, str(session.learner_path), "exec")
    except (SyntaxError, ValueError) as exc:
        error = syntax_error(exc)
    else:
        error = run(session, code)
    if error is not None and error["type"] == "KeyboardInterrupt" and state.stop_requested:
        return session.finish(status="stopped", stopped=stopped("running", error["line"]))
    if error is not None:
        return session.finish(status="error", error=error)
    return session.finish()


def run_script_json(source: str, workdir: str | None = None, problem_dir: str | None = None, send=None) -> str:
    """run_script, as a JSON string: what the browser's worker hands to the page."""
    return dumps(run_script(source, workdir, problem_dir, send))


def run(session: Session, code) -> dict | None:
    """Execute the compiled script; return its error, or None when it ran to the end."""
    namespace = {"__name__": "__main__", "__file__": str(session.learner_path)}
    with session.running(), redirect_stdout(session.output), redirect_stderr(session.output):
        if session.problem:
            for name in session.problem.provided:  # loaded first, so the plugins see their classes
                module = importlib.import_module(name)
                for plugin in session.plugins:
                    plugin.loaded(module)
        try:
            exec(code, namespace)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                return error(session, exc)
        except BaseException as exc:  # KeyboardInterrupt too: Stop keeps what was printed and drawn
            if not isinstance(exc, KeyboardInterrupt):
                done(session)
            return error(session, exc)
        else:
            done(session)
        finally:
            session.keeper.let_go(namespace)
    return None


def done(session: Session) -> None:
    """The script ended (not stopped): the plugins' last word, still under the run's limits."""
    for plugin in session.plugins:
        plugin.script_done()


def error(session: Session, exc: BaseException) -> dict:
    line = learner_line(exc.__traceback__, session.learner_path)
    where = f" (line {line} of your code)" if line else ""
    tip = session.advice(exc)
    return {
        "type": type(exc).__name__,
        "line": line,
        "message": f"{describe(exc)}{where}" + (f". {tip}" if tip else ""),
        "traceback": learner_traceback(exc, session.learner_path),
    }
