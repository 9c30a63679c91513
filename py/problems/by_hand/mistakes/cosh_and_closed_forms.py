import math


def neuron_grads(x1, x2, w1, w2, b):
    # d tanh(n) / dn = sech(n)^2 = 1 / cosh(n)^2
    slope = 1.0 / math.cosh(x1 * w1 + x2 * w2 + b) ** 2
    return dict(x1=slope * w1, x2=slope * w2, w1=slope * x1, w2=slope * x2, b=slope)


def chain_grads(a):
    # d = (a*a + a) * (a*a) = a**4 + a**3
    return {"a": 4 * a**3 + 3 * a**2, "b": 2 * a**2 + a, "c": a**2}
