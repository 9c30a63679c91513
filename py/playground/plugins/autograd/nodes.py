"""A learner's Value as the graph view and the doctor both see it (Node), and how its numbers read in
messages and graphs: one number format (-4.0 is -4, other numbers as repr shows them), short texts, and
nothing that can raise or call the learner's methods."""

import math
import numbers
import re
from dataclasses import dataclass
from fractions import Fraction


@dataclass(slots=True)
class Node:
    value: object  # the learner's Value, held so that ids stay unique while we look
    op: str  # its _op as shown to the learner ('' for a leaf), cut short
    data: object
    grad: object
    inputs: list  # the Values in _prev, one entry per use
    children: list[int]  # their positions in the walk
    opaque: bool = False  # _prev holds something that is not a Value: the local rule cannot be checked
    name: str | None = None  # the learner's variable name for it, if we saw one
    expr: str = ""  # how it was made, from its inputs' labels: 'b*c', 'relu(d)'
    label: str = ""  # its name, or else expr


def number(x) -> float | None:
    """x as a float when it is a real number, else None."""
    if isinstance(x, (float, int)) or isinstance(x, numbers.Real):  # the ABC is slow: plain types first
        try:
            return float(x)
        except (OverflowError, ValueError, TypeError):
            return None
    return None


def fmt(x) -> str:
    """A value as the graph and the doctor's sentences show it: integers without '.0' (-4.0 is -4), other
    numbers as Python's repr shows them (0.30000000000000004), anything else as a short text. Never raises,
    never calls the learner's methods, and stays short however large the number."""
    if isinstance(x, bool):
        return str(bool.__bool__(x))
    if isinstance(x, int):
        return int_text(int.__int__(x))
    if isinstance(x, float):
        text = float.__repr__(x)
        return text[:-2] if text.endswith(".0") else text
    if isinstance(x, Fraction):
        whole = int_text(x.numerator)
        return whole if x.denominator == 1 else f"{whole}/{int_text(x.denominator)}"
    value = number(x)
    return short(x) if value is None else fmt(value)


SHOWN_DIGITS = 20  # an int with more digits shows its first and last few and how many there are
EXACT_BITS = 100_000  # past this (~30,000 digits) the digit count is estimated: exact division gets slow


def int_text(n: int) -> str:
    """An int in full when short; else '123456…789012 (5,000 digits)' (str() raises past 4,300 digits)."""
    sign, n = ("-" if n < 0 else ""), abs(n)
    if n < 10**SHOWN_DIGITS:
        return sign + str(n)
    digits = int(n.bit_length() * math.log10(2)) + 1  # the true count, or one more
    tail = f"{n % 10**6:06d}"
    if n.bit_length() > EXACT_BITS:
        return f"{sign}…{tail} (about {digits:,} digits)"
    if n < 10 ** (digits - 1):
        digits -= 1
    return f"{sign}{n // 10 ** (digits - 6)}…{tail} ({digits:,} digits)"


def rounded(x) -> str:
    """A number as the doctor's sentences show it: a float to 6 significant digits, as the tests compare them
    (-0.837125, 1.40837e+47, -4); anything else as fmt shows it."""
    if isinstance(x, float) and math.isfinite(x):
        return float.__format__(x, ".6g")
    return fmt(x)


def shown_apart(actual, expected) -> tuple[str, str]:
    """The texts of actual and expected, rounded unless that makes them read the same, with actual's type added
    when they would still read the same."""
    a, e = rounded(actual), rounded(expected)
    if a == e:
        a, e = fmt(actual), fmt(expected)
    return (f"{a} ({article(clip(type(actual).__name__, 30))})", e) if a == e else (a, e)


def article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def clip(text: str, limit: int) -> str:
    """text cut to at most limit characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short(x) -> str:
    """A short text for a value, without calling the learner's __repr__."""
    if isinstance(x, str):
        return repr(x) if len(x) <= 30 else repr(x[:27]) + "…"
    if x is None:
        return "None"
    return f"<{clip(type(x).__name__, 30)}>"


def grouped(label: str) -> str:
    """label, in parentheses unless it is one name, number or call: 'b', '2.5', 'relu(d)', but '(a + b)'."""
    return label if is_atom(label) else f"({label})"


def is_atom(label: str) -> bool:
    if re.fullmatch(r"[\w.]+", label):
        return True
    call = re.match(r"[\w.]+\(", label)
    if not call or not label.endswith(")"):
        return False
    depth = 0
    for i, char in enumerate(label[call.end() - 1:], call.end() - 1):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i == len(label) - 1  # the call's own parenthesis closes at the very end
    return False
