from engine import Value  # noqa: F401  (gradient_check makes its inputs with it)


def numerical_grad(f, xs, h=1e-6):
    """Each partial derivative of f at xs, as a list of floats: nudge one input by +h and by -h, leave the others,
    and take (f(up) - f(down)) / (2 * h). f takes a list of floats and returns a float."""
    pass  # TODO


def gradient_check(build, xs, tol=1e-4):
    """The indices (in increasing order) of the inputs whose gradient from backward() disagrees with
    numerical_grad: |a - n| / max(|a|, |n|, 1e-8) > tol. build takes a list of Values and returns a Value."""
    pass  # TODO: backward() on build([Value(x) for x in xs]); then numerical_grad of the same function on floats


BUGGY_OP = None  # TODO: the operation of buggy_engine whose local rule is wrong: "add", "mul", "pow", ...
