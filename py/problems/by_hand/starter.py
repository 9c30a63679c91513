import math  # noqa: F401  (math.tanh is tanh)


def neuron_grads(x1, x2, w1, w2, b):
    """The gradients of o = tanh(n), where n = x1*w1 + x2*w2 + b, as floats:
    {"x1": do/dx1, "x2": do/dx2, "w1": do/dw1, "w2": do/dw2, "b": do/db}."""
    pass  # TODO: forward (n, then o), then do/dn, then each input's gradient


def chain_grads(a):
    """The gradients of d, where b = a * a, c = b + a and d = c * b, as floats:
    {"a": dd/da, "b": dd/db, "c": dd/dc}, each the sum over every path from it to d."""
    pass  # TODO: forward (b, c), then back from d: c, then b, then a
