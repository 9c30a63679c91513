from engine import Value


def numerical_grad(f, xs, h=1e-6):
    def f_moved(i, dx):
        return f([x + dx if j == i else x for j, x in enumerate(xs)])
    return [(f_moved(i, h) - f_moved(i, -h)) / (2 * h) for i in range(len(xs))]


def gradient_check(build, xs, tol=1e-4):
    vs = [Value(x) for x in xs]
    out = build(vs)
    out.backward()
    num = numerical_grad(lambda fl: build([Value(v) for v in fl]).data, xs)
    return [i for i, (v, n) in enumerate(zip(vs, num)) if abs(v.grad - n) > tol * max(abs(v.grad), abs(n), 1e-8)]


BUGGY_OP = "truediv"
