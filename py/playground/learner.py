"""Loading the learner's code as a fresh module, and explaining why it did not load."""

import builtins
import importlib
import re
import sys
import traceback
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from types import TracebackType
from typing import TextIO

from playground.aliases import Aliases
from playground.limits import capped_limit_note, state

MAX_MESSAGE = 2_000  # characters of an exception's message shown; the rest is cut, with a note


def write_module(workdir: Path, module: str, source: str) -> Path:
    """Write the learner's code where the hidden tests will import it from."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"{module}.py"
    path.write_text(source, encoding="utf-8", errors="replace")
    return path


@contextmanager
def learner_setting(folders: list[Path], added_builtins: dict, aliases: dict[str, str] | None = None):
    """For the run's length: folders first on sys.path (in that order), the builtins the harness adds
    (a plugin's draw(), the keeper's __build_class__) and the problem's aliases of provided modules. Each run
    gets a Python of its own in the browser; under CPython, runs follow each other in one interpreter, and each
    takes its setting away."""
    saved_path = list(sys.path)
    saved_builtins = {name: vars(builtins)[name] for name in added_builtins if name in vars(builtins)}
    sys.path[:0] = [str(folder) for folder in folders]
    vars(builtins).update(added_builtins)
    finder = Aliases(aliases) if aliases else None
    if finder:
        sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
        sys.path[:] = saved_path
        for name in added_builtins:
            vars(builtins).pop(name, None)
        vars(builtins).update(saved_builtins)


def forget_modules(*names: str) -> None:
    """Drop modules so the next import reads the learner's latest code."""
    for name in names:
        sys.modules.pop(name, None)


def forget_directory_listing(workdir: Path) -> None:
    """Make the import system look at workdir afresh (cheaper than invalidating every finder)."""
    finder = sys.path_importer_cache.get(str(workdir))
    if finder is not None:
        finder.invalidate_caches()


def load_error(source: str, path: Path, module: str, printed: TextIO, defines: tuple[str, ...] = (),
               advice=None) -> dict | None:
    """Import the learner's module, printing into printed; return what went wrong, or None. advice(exc): what
    the problem's plugins say about an exception, or None."""
    if not source.strip():
        what = f"define {names(defines)}" if defines else "write your code"
        return {"type": "EmptyCode", "line": None, "traceback": "",
                "message": f"The editor is empty: {what} (Reset to starter brings back the starter)."}
    if unreadable := unreadable_character(source):
        return unreadable
    try:
        compile(source, path.name, "exec")
    except (SyntaxError, ValueError) as exc:
        return syntax_error(exc)
    try:
        with redirect_stdout(printed), redirect_stderr(printed):
            importlib.import_module(module)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt too: the learner's code must not end the run
        if isinstance(exc, KeyboardInterrupt) and state.stop_requested:
            raise
        line = learner_line(exc.__traceback__, path)
        where = f" (line {line} of your code)" if line else ""
        tip = advice(exc) if advice else None
        said = describe(exc)
        # A message that is a sentence of its own (the note on numpy, say) ends the text: no ". while loading".
        raised = (f"Your code raised, while loading{where}, {said}" if said.endswith((".", "!", "?"))
                  else f"Your code raised {said} while loading{where}.")
        return {
            "type": type(exc).__name__,
            "line": line,
            "message": raised + (f" {tip}" if tip else ""),
            "traceback": learner_traceback(exc, path),
        }
    # A name of `defines` the code lacks stops nothing: the tests that import it say so, the others run.
    return None


def names(found: list[str] | tuple[str, ...]) -> str:
    """`Value`, `Value` and `MLP`, `a`, `b` and `c`."""
    quoted = [f"`{name}`" for name in found]
    return " and ".join(quoted) if len(quoted) < 3 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


# A null character, or half of a surrogate pair (pasted from somewhere odd): Python cannot read either.
UNREADABLE = re.compile("[\x00\ud800-\udfff]")


def unreadable_character(source: str) -> dict | None:
    """A SyntaxError-like error naming the line of the first character Python cannot read, or None."""
    found = UNREADABLE.search(source)
    if not found:
        return None
    line = source.count("\n", 0, found.start()) + 1
    char = found.group()
    what = "a null character" if char == "\x00" else f"a character that is not valid text (U+{ord(char):04X})"
    return {"type": "SyntaxError", "line": line, "traceback": "",
            "message": f"Line {line} of your code holds {what}, which Python cannot read. Delete it and run again."}


def syntax_error(exc: SyntaxError | ValueError) -> dict:
    if isinstance(exc, ValueError):  # e.g. a null byte in the source
        return {"type": "SyntaxError", "line": None, "message": f"Your code could not be read: {exc}.", "traceback": ""}
    text = (exc.text or "").rstrip("\n")
    pointer = ""
    if text and exc.offset:
        stripped = text.lstrip()
        pointer = "\n    " + stripped + "\n    " + " " * max(0, exc.offset - 1 - (len(text) - len(stripped))) + "^"
    return {
        "type": type(exc).__name__,
        "line": exc.lineno,
        "message": f"{type(exc).__name__}{f' on line {exc.lineno}' if exc.lineno else ''}: {exc.msg}{pointer}",
        "traceback": "",
    }


def describe(exc: BaseException) -> str:
    """'TypeError: message', or just the type when there is no message; a long message is cut."""
    try:
        text = cut(str(exc))
    except Exception as error:  # the learner's exception class may fail to say what it is
        text = f"(its message could not be read: {type(error).__name__})"
    if isinstance(exc, RecursionError) and text.startswith("Stack overflow"):  # Python's C-stack guard
        text = "too many calls nested inside each other through operators or other special methods"
    elif isinstance(exc, RecursionError):
        text += capped_limit_note()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def cut(text: str, limit: int = MAX_MESSAGE) -> str:
    """text, or its start with a note saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… (cut: {len(text) - limit:,} more characters)"


def learner_frames(tb: TracebackType | None, path: Path) -> list[traceback.FrameSummary]:
    # lookup_lines=False: a frame's source line is read only if someone asks for it
    frames = traceback.StackSummary.extract(traceback.walk_tb(tb), lookup_lines=False)
    return [f for f in frames if f.filename == str(path)]


def learner_line(tb: TracebackType | None, path: Path) -> int | None:
    """The line of the learner's code closest to where the exception was raised."""
    frames = learner_frames(tb, path)
    return frames[-1].lineno if frames else None


def learner_traceback(exc: BaseException, path: Path) -> str:
    """A traceback that shows only the learner's own frames."""
    frames = learner_frames(exc.__traceback__, path)
    lines = ["Traceback (your code):\n"]
    for frame in frames[-20:]:
        lines.append(f'  line {frame.lineno}, in {frame.name}\n')
        if frame.line:
            lines.append(f"    {frame.line}\n")
    if len(frames) > 20:
        lines.insert(1, f"  ... {len(frames) - 20} earlier calls not shown ...\n")
    lines.append(describe(exc) + "\n")
    return "".join(lines) if frames else ""
