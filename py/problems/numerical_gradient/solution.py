from engine import Value


def numerical_grad(f, xs, h=1e-6):
    """Each partial derivative of f at xs, by a central difference: (f(x + h) - f(x - h)) / 2h, one input at a time."""
    grads = []
    for i in range(len(xs)):
        up = list(xs)
        up[i] += h
        down = list(xs)
        down[i] -= h
        grads.append((f(up) - f(down)) / (2 * h))
    return grads


def gradient_check(build, xs, tol=1e-4):
    """The indices of the inputs whose backward() gradient and numerical gradient disagree by more than tol,
    relatively."""
    inputs = [Value(x) for x in xs]
    build(inputs).backward()
    numerical = numerical_grad(lambda floats: build([Value(v) for v in floats]).data, xs)
    wrong = []
    for i, (v, n) in enumerate(zip(inputs, numerical)):
        a = v.grad
        if abs(a - n) / max(abs(a), abs(n), 1e-8) > tol:
            wrong.append(i)
    return wrong


# Found with gradient_check(lambda v: bug.truediv(v[0], v[1]), [3.0, 2.0]), which flags [1]: b's rule is -1/b**2
# where it should be -a/b**2 (so it hides when a is 1).
BUGGY_OP = "truediv"
