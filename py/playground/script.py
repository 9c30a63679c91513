"""Run the learner's code as a script: what it prints, the error it stops on, and what the problem's plugins
add (the autograd plugin's draw(v) graphs, in plugins.autograd). The code runs as __main__ from a file of its own.
"""

import builtins
import importlib
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from json import dumps  # taken before learner code, which may replace json.dumps
from pathlib import Path

from playground import plugins as plugin_modules
from playground.keeper import Keeper
from playground.learner import describe, learner_line, learner_setting, learner_traceback, syntax_error, write_module
from playground.limits import learner_limits, state
from playground.live import connected
from playground.output import CappedOutput, OutputBudget
from playground.plugins import Plugin
from playground.problem import Problem
from playground.schema import Result, new_result, stopped

SCRIPT_MODULE = "main"  # the learner's code is saved as main.py


def run_script(source: str, workdir: str | Path | None = None, problem_dir: str | Path | None = None,
               send=None) -> Result:
    """Run source as a script, with the plugins of the problem in problem_dir (if any); send: where the plugins'
    live data goes while it runs (playground.live)."""
    started = time.perf_counter()
    problem = Problem.load(problem_dir) if problem_dir else None
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "playground")
    path = write_module(workdir, SCRIPT_MODULE, source)
    output = CappedOutput(OutputBudget())  # at most 10,000 lines / 1 MB, then a note
    script = Script(path, plugin_modules.load(problem.plugins) if problem else [], problem)
    try:
        code = compile(source, str(path), "exec")
    except (SyntaxError, ValueError) as exc:
        error = syntax_error(exc)
    else:
        with connected(send):
            error = script.run(code, output)
    result = new_result("script", problem.id if problem else None)
    if error is not None and error["type"] == "KeyboardInterrupt" and state.stop_requested:
        result.update(status="stopped", stopped=stopped("running", error["line"]))
    elif error is not None:
        result.update(status="error", error=error)
    result.update(output=output.text(), timings={"total": time.perf_counter() - started})
    plugin_modules.add_results(result, script.plugins)
    return result


def run_script_json(source: str, workdir: str | None = None, problem_dir: str | None = None, send=None) -> str:
    """run_script, as a JSON string: what the browser's worker hands to the page."""
    return dumps(run_script(source, workdir, problem_dir, send))


class Script:
    def __init__(self, path: Path, plugins: list[Plugin], problem: Problem | None) -> None:
        self.path = path
        self.plugins = plugins
        self.problem = problem  # what it provides can be imported

    def run(self, code, output: CappedOutput) -> dict | None:
        """Execute the compiled script; return its error, or None when it ran to the end."""
        keeper = Keeper()
        keep = keeper.build_class("__main__")

        def build_class(*args, **kwargs):
            cls = keep(*args, **kwargs)
            if isinstance(cls, type):
                for plugin in self.plugins:
                    plugin.class_made(cls)
            return cls

        added = {name: value for plugin in self.plugins for name, value in plugin.builtins(self.path).items()}
        folders = [self.problem.provided_dir] if self.problem else []
        aliases = self.problem.aliases if self.problem else None
        with learner_setting(folders, {}, aliases), learner_limits(), redirect_stdout(output), redirect_stderr(output):
            script_builtins = {**vars(builtins), **added, "__build_class__": build_class}  # input() as limited
            namespace = {"__name__": "__main__", "__file__": str(self.path), "__builtins__": script_builtins}
            if self.problem:
                self.problem.forget_modules()
                for name in self.problem.provided:  # loaded first, so the plugins see their classes
                    module = importlib.import_module(name)
                    for plugin in self.plugins:
                        plugin.loaded(module)
            try:
                exec(code, namespace)
            except SystemExit as exc:
                if exc.code not in (None, 0):
                    return self.error(exc)
            except BaseException as exc:  # KeyboardInterrupt too: Stop keeps what was printed and drawn
                if not isinstance(exc, KeyboardInterrupt):
                    self.done()
                return self.error(exc)
            else:
                self.done()
            finally:
                keeper.let_go(namespace)
                if self.problem:
                    self.problem.forget_modules()
        return None

    def done(self) -> None:
        """The script ended (not stopped): the plugins' last word, still under the run's limits."""
        for plugin in self.plugins:
            plugin.script_done()

    def error(self, exc: BaseException) -> dict:
        line = learner_line(exc.__traceback__, self.path)
        where = f" (line {line} of your code)" if line else ""
        tip = plugin_modules.advice(self.plugins, exc)
        return {
            "type": type(exc).__name__,
            "line": line,
            "message": f"{describe(exc)}{where}" + (f". {tip}" if tip else ""),
            "traceback": learner_traceback(exc, self.path),
        }
