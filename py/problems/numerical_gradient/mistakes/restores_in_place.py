from micrograd.engine import Value


def numerical_grad(f, xs, h=1e-6):
    """Nudge xs itself, and put each input back as it was."""
    grads = [0.0] * len(xs)
    for i in range(len(xs)):
        old = xs[i]
        xs[i] = old + h
        plus = f(xs)
        xs[i] = old - h
        minus = f(xs)
        xs[i] = old
        grads[i] = (plus - minus) / (2 * h)
    return grads


def relative_error(a, n):
    return abs(a - n) / max(abs(a), abs(n), 1e-8)


def gradient_check(build, xs, tol=1e-4):
    xs = list(xs)
    inputs = [Value(x) for x in xs]
    build(inputs).backward()
    analytic = [v.grad for v in inputs]
    numeric = numerical_grad(lambda floats: build([Value(v) for v in floats]).data, xs)
    bad = set()
    for i in reversed(range(len(xs))):
        if relative_error(analytic[i], numeric[i]) > tol:
            bad.add(i)
    return sorted(bad)


BUGGY_OP = "truediv"
