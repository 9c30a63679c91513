import math


def neuron_grads(x1, x2, w1, w2, b):
    """The gradients of o = tanh(x1*w1 + x2*w2 + b), by the chain rule."""
    n = x1 * w1 + x2 * w2 + b
    o = math.tanh(n)
    do_dn = 1 - o**2  # tanh's local derivative, written with its output
    return {"x1": do_dn * w1, "w1": do_dn * x1, "x2": do_dn * w2, "w2": do_dn * x2, "b": do_dn}


def chain_grads(a):
    """The gradients of d, for b = a * a, c = b + a, d = c * b: each the sum over every path to d."""
    b = a * a
    c = b + a
    dd_dc = b  # d = c * b
    dd_db = c + dd_dc  # b's own use in d, and its use in c (c = b + a)
    dd_da = dd_db * 2 * a + dd_dc  # a's use in b (twice: a * a), and in c
    return {"a": dd_da, "b": dd_db, "c": dd_dc}
