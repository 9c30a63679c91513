"""What the learner prints: kept per test, within one budget for the whole run.

Past the budget, printing still works (a correct solution that prints a lot still passes),
but the text is counted and dropped, so memory stays bounded.
"""

import io

MAX_LINES = 10_000
MAX_CHARS = 1_000_000


class OutputBudget:
    def __init__(self, max_lines: int = MAX_LINES, max_chars: int = MAX_CHARS) -> None:
        self.lines_left = max_lines
        self.chars_left = max_chars
        self.max_lines = max_lines
        self.max_chars = max_chars


class CappedOutput(io.TextIOBase):
    """A text stream that keeps what fits in the budget and counts the rest."""

    def __init__(self, budget: OutputBudget) -> None:
        self.budget = budget
        self.kept: list[str] = []
        self.cut_lines = 0
        self.cut_chars = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        budget = self.budget
        if budget.chars_left > 0 and budget.lines_left > 0:
            kept = text[: budget.chars_left]
            if kept.count("\n") > budget.lines_left:
                kept = "\n".join(kept.split("\n")[: budget.lines_left]) + "\n"
            self.kept.append(kept)
            budget.chars_left -= len(kept)
            budget.lines_left -= kept.count("\n")
            dropped = text[len(kept):]
        else:
            dropped = text
        if dropped:
            self.cut_chars += len(dropped)
            self.cut_lines += dropped.count("\n")
        return len(text)

    def text(self) -> str:
        kept = "".join(self.kept)
        if self.cut_chars:
            budget = self.budget
            kept += (f"\n… output cut: {self.cut_lines:,} more lines ({self.cut_chars:,} characters) not shown. "
                     f"A run keeps at most {budget.max_lines:,} lines or {budget.max_chars // 1_000_000} MB "
                     "of printed output.\n")
        return kept
