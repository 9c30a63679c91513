import math
import numbers

import buggy_engine

# Each test imports what it uses from submission, so that a function not written yet fails only the tests that
# need it.

OPERATIONS = ["add", "mul", "pow", "truediv", "exp", "tanh", "log", "relu"]


def show(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.6g}"
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(show(item) for item in x) + "]"
    if " at 0x" in repr(x):  # a generator, a function: its address would change the message from run to run
        return f"a {type(x).__name__}"
    return repr(x)


def close(actual, expected, tol=1e-6):
    return isinstance(actual, numbers.Real) and abs(actual - expected) <= tol * max(1.0, abs(expected))


def numbers_of(result, count, call):
    """result, once it is a list of count real numbers; else the failure says what came back."""
    assert isinstance(result, (list, tuple)), f"{call} should return a list, got {show(result)}"
    assert len(result) == count, f"{call} should give {count} numbers, one per input; got {len(result)}: {show(result)}"
    for item in result:
        assert isinstance(item, numbers.Real) and not isinstance(item, bool), (
            f"{call} should give numbers; it gave {type(item).__name__} {show(item)}")
    return list(result)


def indices_of(result, call):
    assert isinstance(result, list), f"{call} should return a list of indices, got {show(result)}"
    return result


# numerical_grad

def test_numerical_grad_of_a_product_and_a_square():
    from submission import numerical_grad

    def f(v):
        return v[0] * v[1] + v[2] ** 2

    call = "numerical_grad(f, [2, -3, 0.5]) for f = x0*x1 + x2**2"
    grads = numbers_of(numerical_grad(f, [2.0, -3.0, 0.5]), 3, call)
    for i, expected in enumerate([-3.0, 2.0, 1.0]):
        assert close(grads[i], expected, 1e-5), (
            f"{call}: the derivative by x{i} should be {show(expected)}, got {show(grads[i])} (all: {show(grads)})")


def central_slip(got, f, x, h):
    """What a wrong difference quotient most likely is, as a clause ("" when nothing fits)."""
    slips = [
        ((f(x + h) - f(x)) / h, "that is the forward difference (f(x + h) - f(x)) / h: nudge both ways, "
                                "(f(x + h) - f(x - h)) / (2 * h), and the h**1 errors cancel"),
        ((f(x) - f(x - h)) / h, "that is the backward difference (f(x) - f(x - h)) / h; take "
                                "(f(x + h) - f(x - h)) / (2 * h)"),
        ((f(x + h) - f(x - h)) / h, "that divides by h, but x + h and x - h are 2 * h apart"),
        (3 * x ** 2, "that is the exact derivative, as if h were tiny: use the h it is given"),
    ]
    for value, why in slips:
        if close(got, value, 1e-9):
            return f": {why}"
    return ""


def test_numerical_grad_is_a_central_difference():
    from submission import numerical_grad

    def cube(v):
        return v[0] ** 3

    x, h = 1.0, 0.01
    expected = (cube([x + h]) - cube([x - h])) / (2 * h)  # 3.0001: the central difference's error is h**2
    call = "numerical_grad(f, [1], h=0.01) for f = x**3"
    (got,) = numbers_of(numerical_grad(cube, [x], h=h), 1, call)
    assert close(got, expected, 1e-9), (
        f"{call} should be (f(1.01) - f(0.99)) / 0.02 = {expected:.6f}, got {got:.6f}"
        f"{central_slip(got, lambda t: t ** 3, x, h)}")


def test_numerical_grad_nudges_one_input_at_a_time_and_leaves_xs_alone():
    from submission import numerical_grad

    xs = [0.5, -1.25, 2.0]
    seen = []

    def f(v):
        seen.append(list(v))
        return v[0] * v[1] * v[2]

    numbers_of(numerical_grad(f, xs), 3, "numerical_grad(f, [0.5, -1.25, 2]) for f = x0*x1*x2")
    assert all(close(a, b, 1e-12) for a, b in zip(xs, [0.5, -1.25, 2.0])), (
        f"numerical_grad(f, xs) changed xs: [0.5, -1.25, 2] became {show(xs)}. Nudge a copy (up = list(xs)), "
        "so that the caller's inputs stay as they were")
    for call in seen:
        moved = [i for i, (a, b) in enumerate(zip(call, xs)) if not close(a, b, 1e-12)]
        assert len(call) == len(xs) and len(moved) <= 1, (
            f"numerical_grad called f with {show(call)}, where xs is {show(xs)}: a partial derivative nudges one "
            f"input and leaves the others as they are (here inputs {moved} moved)")


# gradient_check

def slope_times(factor):
    """square, with a local rule that is factor times the right one (a slope of factor * 2x): a wrong operation,
    made of whatever Value class it is given."""
    def square(v):
        out = type(v)(v.data ** 2, (v,), "square")

        def _backward():
            v.grad += factor * 2 * v.data * out.grad
        out._backward = _backward
        return out
    return square


def check_gradient_check(build, description, xs, expected, tol=None):
    from submission import gradient_check

    call = f"gradient_check({description}, {show(xs)}{'' if tol is None else f', tol={show(tol)}'})"
    try:
        result = gradient_check(build, xs) if tol is None else gradient_check(build, xs, tol=tol)
    except ZeroDivisionError:
        raise AssertionError(f"{call} divided by zero: where both gradients are 0, as for an input that does not "
                             "reach the output, |a - n| / max(|a|, |n|) is 0 / 0; the 1e-8 in max(|a|, |n|, 1e-8) "
                             "keeps the denominator above 0") from None
    assert indices_of(result, call) == expected, (
        f"{call} should be {expected}, got {show(result)}{why_not(build, xs, tol or 1e-4)}")


def why_not(build, xs, tol):
    """backward()'s gradients and the numerical ones, and where they disagree: to read a wrong answer by."""
    from engine import Value
    from submission import numerical_grad

    inputs = [Value(x) for x in xs]
    build(inputs).backward()
    numerical = numerical_grad(lambda floats: build([Value(v) for v in floats]).data, xs)
    apart = [i for i, (v, n) in enumerate(zip(inputs, numerical))
             if abs(v.grad - n) > tol * max(abs(v.grad), abs(n), 1e-8)]
    return (f" (backward() gives {show([v.grad for v in inputs])} and numerical_grad {show(numerical)}: "
            + (f"they disagree, relatively, at {apart})" if apart else
               "they agree, so nothing should be flagged: compare each input's .grad, after build(inputs).backward(), "
               "with numerical_grad's number for it)"))


def test_gradient_check_passes_a_right_engine():
    check_gradient_check(lambda v: v[0] * v[1] + v[2].tanh(), "lambda v: v[0]*v[1] + v[2].tanh()",
                         [2.0, -3.0, 0.5], [])
    check_gradient_check(lambda v: (v[0] ** 2 / v[1]).exp() - v[1].log(),
                         "lambda v: (v[0]**2 / v[1]).exp() - v[1].log()", [0.7, 1.5], [])
    check_gradient_check(lambda v: (v[0] * v[1] - v[2]).relu() * v[3], "lambda v: (v[0]*v[1] - v[2]).relu() * v[3]",
                         [1.5, 2.0, -1.0, 0.25], [])


def test_gradient_check_flags_each_wrong_input_in_order():
    half = slope_times(0.5)
    check_gradient_check(lambda v: half(v[0]) + v[1] * v[2], "lambda v: wrong_square(v[0]) + v[1]*v[2]",
                         [1.5, 2.0, 3.0], [0])
    check_gradient_check(lambda v: half(v[2]) * v[1] + half(v[0]),
                         "lambda v: wrong_square(v[2])*v[1] + wrong_square(v[0])", [1.5, 2.0, 3.0], [0, 2])


def test_gradient_check_compares_relatively():
    half = slope_times(0.5)
    check_gradient_check(lambda v: half(v[0]) * 1e-6, "lambda v: wrong_square(v[0]) * 1e-6", [1.0], [0])
    check_gradient_check(lambda v: v[0] ** 2, "lambda v: v[0]**2", [1e4], [])


def test_gradient_check_handles_an_input_that_is_not_used():
    check_gradient_check(lambda v: v[0].exp() + v[1] * 0, "lambda v: v[0].exp() + v[1]*0", [0.5, 2.0], [])
    check_gradient_check(lambda v: v[0] * v[1], "lambda v: v[0]*v[1]", [0.0, 0.0], [])


def test_gradient_check_honours_tol():
    close_enough = slope_times(1.2)
    check_gradient_check(lambda v: close_enough(v[0]), "lambda v: a_square_20_percent_off(v[0])", [2.0], [], tol=0.5)
    check_gradient_check(lambda v: close_enough(v[0]), "lambda v: a_square_20_percent_off(v[0])", [2.0], [0], tol=0.1)


# buggy_engine

CALLS = {  # a call of each operation, and its build for gradient_check
    "add": ("bug.add(v[0], v[1])", lambda v: buggy_engine.add(v[0], v[1]), [1.5, -2.0]),
    "mul": ("bug.mul(v[0], v[1])", lambda v: buggy_engine.mul(v[0], v[1]), [1.5, -2.0]),
    "pow": ("bug.pow(v[0], 3)", lambda v: buggy_engine.pow(v[0], 3), [1.5]),
    "truediv": ("bug.truediv(v[0], v[1])", lambda v: buggy_engine.truediv(v[0], v[1]), [3.0, 2.0]),
    "exp": ("bug.exp(v[0])", lambda v: buggy_engine.exp(v[0]), [0.5]),
    "tanh": ("bug.tanh(v[0])", lambda v: buggy_engine.tanh(v[0]), [0.5]),
    "log": ("bug.log(v[0])", lambda v: buggy_engine.log(v[0]), [2.5]),
    "relu": ("bug.relu(v[0])", lambda v: buggy_engine.relu(v[0]), [1.5]),
}


def wrong_inputs(name):
    """The inputs whose gradient buggy_engine's operation gets wrong at its CALLS point, by a central difference of
    our own: what the learner's gradient_check should find."""
    from engine import Value

    _, build, xs = CALLS[name]
    inputs = [Value(x) for x in xs]
    build(inputs).backward()
    wrong = []
    for i, v in enumerate(inputs):
        up, down = list(xs), list(xs)
        up[i] += 1e-6
        down[i] -= 1e-6
        numerical = (build([Value(x) for x in up]).data - build([Value(x) for x in down]).data) / 2e-6
        if not math.isclose(v.grad, numerical, rel_tol=1e-4, abs_tol=1e-8):
            wrong.append(i)
    return wrong


def test_buggy_op_names_the_broken_operation():
    from submission import BUGGY_OP

    assert BUGGY_OP in OPERATIONS, (
        f"BUGGY_OP should be one of {', '.join(map(repr, OPERATIONS))}; it is {show(BUGGY_OP)}")
    description, _, xs = CALLS[BUGGY_OP]
    assert wrong_inputs(BUGGY_OP), (
        f"BUGGY_OP is {BUGGY_OP!r}, but buggy_engine's {BUGGY_OP} agrees with numerical_grad: "
        f"gradient_check(lambda v: {description}, {show(xs)}) is []. Check each operation the same way, at inputs "
        "other than 0 and 1 (a wrong rule can be right there)")


def test_gradient_check_finds_the_bug_in_buggy_engine():
    import submission
    from submission import gradient_check

    for name in OPERATIONS:
        description, build, xs = CALLS[name]
        expected = wrong_inputs(name)
        if expected and getattr(submission, "BUGGY_OP", None) != name:  # say nothing that gives the answer away
            assert indices_of(gradient_check(build, xs), "gradient_check") == expected, (
                "gradient_check misses the wrong rule in buggy_engine: at the points of hint 3, one of the eight "
                "operations gets an input's gradient wrong, and your gradient_check does not flag it. "
                "(This message names it once BUGGY_OP does.)")
        check_gradient_check(build, f"lambda v: {description}", xs, expected)
