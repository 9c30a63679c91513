"""Run the learner's code as a script: what it prints, the error it stops on, the graphs it draws.

The code runs as __main__ from a file of its own, with draw(v) available without an import:
each call adds the graph under v (checked by the gradient doctor) to the result.
"""

import builtins
import json
import signal
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from playground.graph import within_total
from playground.isolation import interpreter_restored
from playground.keeper import keeper
from playground.learner import describe, learner_line, learner_traceback, syntax_error, write_module
from playground.limits import learner_limits, state, stop_requested
from playground.output import CappedOutput, OutputBudget
from playground.recorder import Recorder, names_in

SCRIPT_MODULE = "main"  # the learner's code is saved as main.py
MAX_DRAWS = 20


def run_script(source: str, workdir: str | Path | None = None) -> dict:
    """Run source as a script; return {output, error, stopped, graphs, duration}, ready for JSON."""
    started = time.perf_counter()
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "playground")
    path = write_module(workdir, SCRIPT_MODULE, source)
    output = CappedOutput(OutputBudget())  # at most 10,000 lines / 1 MB, then a note
    script = Script(path)
    try:
        code = compile(source, str(path), "exec")
    except (SyntaxError, ValueError) as exc:
        error = syntax_error(exc)
    else:
        error = script.run(code, output)
    stopped = error is not None and error["type"] == "KeyboardInterrupt" and state.stop_requested
    text = output.text()
    if script.skipped:
        text += f"[draw() was called {MAX_DRAWS + script.skipped} times: only the first {MAX_DRAWS} are shown.]\n"
    return {"output": text, "error": None if stopped else error, "stopped": stopped, "graphs": script.graphs,
            "restart_python": state.audit_hook_added, "duration": time.perf_counter() - started}


def run_script_json(source: str, workdir: str | None = None) -> str:
    """run_script, as a JSON string: what the browser's worker hands to the page."""
    return json.dumps(run_script(source, workdir))


class Script:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.recorder = Recorder()
        self.graphs: list[dict] = []
        self.skipped = 0  # draw() calls past MAX_DRAWS

    def run(self, code, output: CappedOutput) -> dict | None:
        """Execute the compiled script; return its error, or None when it ran to the end."""
        def draw(v) -> None:
            """Show the graph under the Value v, as it is now, below the script's output."""
            self.add_graph(v, sys._getframe(1))

        draw.__qualname__ = "draw"  # so a wrong call reads "draw() missing 1 required positional argument"

        keep = keeper.build_class("__main__")

        def build_class(*args, **kwargs):
            return self.recorder.build_class(keep, *args, **kwargs)

        script_builtins = {**vars(builtins), "draw": draw, "__build_class__": build_class}
        namespace = {"__name__": "__main__", "__file__": str(self.path), "__builtins__": script_builtins}
        keeper.release()
        with interpreter_restored(), learner_limits(), redirect_stdout(output), redirect_stderr(output):
            signal.signal(signal.SIGINT, stop_requested)
            try:
                exec(code, namespace)
            except SystemExit as exc:
                if exc.code not in (None, 0):
                    return self.error(exc)
            except BaseException as exc:  # KeyboardInterrupt too: Stop keeps what was printed and drawn
                return self.error(exc)
            finally:
                keeper.let_go(namespace)
        return None

    def add_graph(self, value, frame) -> None:
        if len(self.graphs) >= MAX_DRAWS:
            self.skipped += 1
        else:
            self.graphs.append(within_total(self.recorder.view(value, names_in(frame, value)), self.graphs))

    def error(self, exc: BaseException) -> dict:
        line = learner_line(exc.__traceback__, self.path)
        where = f" (line {line} of your code)" if line else ""
        return {
            "type": type(exc).__name__,
            "line": line,
            "message": f"{describe(exc)}{where}",
            "traceback": learner_traceback(exc, self.path),
        }
