"""What plot_loss and plot_boundary accept, and what they say when they are given something else: a message
that names the bad value, raised in the learner's own call."""

import math
import numbers


def describe(value) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    return f"{value!r} (a {type(value).__name__})"


def number(value):
    """value as a float when it is a real number, or a Value holding one (its .data); else None."""
    value = getattr(value, "data", value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return None


def step_of(step) -> int:
    if isinstance(step, bool) or not isinstance(step, numbers.Integral) or step < 0:
        raise TypeError(f"plot_loss(step, loss): step should be a whole number, 0 or more; got {describe(step)}")
    return int(step)


def total_of(total) -> int | None:
    if total is None:
        return None
    if isinstance(total, bool) or not isinstance(total, numbers.Integral) or total < 1:
        raise TypeError(f"plot_loss(step, loss, total): total should be the number of steps, 1 or more; "
                        f"got {describe(total)}")
    return int(total)


def loss_of(loss, step: int) -> float:
    value = number(loss)
    if value is None:
        raise TypeError(f"plot_loss(step, loss): the loss at step {step} should be a number (or a Value); "
                        f"got {describe(loss)}")
    if not math.isfinite(value):
        raise ValueError(f"plot_loss(step, loss): the loss at step {step} is {value}, not a finite number: "
                         "training has blown up (a learning rate too large, or an update of the wrong sign?)")
    return value


def points_of(X, y) -> tuple[list[list[float]], list[float]]:
    """X as [[x1, x2], ...] and y as numbers, one label per point."""
    try:
        X, y = list(X), list(y)
    except TypeError:
        raise TypeError("plot_boundary(score, X, y): X should be a list of points [x1, x2] and y a list of "
                        f"labels; got {describe(X)} and {describe(y)}") from None
    if not X or len(X) != len(y):
        raise ValueError(f"plot_boundary(score, X, y): X and y should hold one label per point; got {len(X)} "
                         f"points and {len(y)} labels")
    points = []
    for point in X:
        coordinates = [number(c) for c in point] if isinstance(point, (list, tuple)) else None
        if not coordinates or len(coordinates) != 2 or not all(c is not None and math.isfinite(c)
                                                               for c in coordinates):
            raise TypeError(f"plot_boundary(score, X, y): each point of X should be [x1, x2], two finite "
                            f"numbers; got {describe(point)}")
        points.append(coordinates)
    labels = [number(label) for label in y]
    finite = [value is not None and math.isfinite(value) for value in labels]
    bad = next((label for label, ok in zip(y, finite, strict=True) if not ok), None)
    if not all(finite):
        raise TypeError(f"plot_boundary(score, X, y): each label should be a number (1 or -1, or a class: 0, 1, 2, …); "
                        f"got {describe(bad)}")
    return points, labels


def score_of(score, point: list[float]) -> float:
    """What the score function returned for point, as a float: above 0 is the label 1's side."""
    value = number(score)
    if value is None:
        raise TypeError(f"plot_boundary(score, X, y): score({point}) should return a number (or a Value), or a list "
                        f"of them, one per class; got {describe(score)}")
    if not math.isfinite(value):
        raise ValueError(f"plot_boundary(score, X, y): score({point}) returned {value}, not a finite number")
    return value


def class_scores_of(scores, point: list[float]) -> float | list[float]:
    """What the score function returned for point: a float (two classes, above 0 is label 1's side), or a list of
    floats, one per class (the largest wins)."""
    if not isinstance(scores, (list, tuple)):
        return score_of(scores, point)
    if len(scores) < 2:
        raise ValueError(f"plot_boundary(score, X, y): score({point}) returned {len(scores)} class scores; a list "
                         "needs one per class, 2 or more")
    return [score_of(value, point) for value in scores]
