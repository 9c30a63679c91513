import math

from engine import Value


def neuron_grads(x1, x2, w1, w2, b):
    o = math.tanh(x1 * w1 + x2 * w2 + b)
    do_dn = 1 - o**2
    return {"x1": do_dn * w1, "x2": do_dn * w2, "w1": do_dn * x1, "w2": do_dn * x2, "b": do_dn}


def chain_grads(a):
    # the engine's answer, not the hand's
    av = Value(a)
    bv = av * av
    cv = bv + av
    d = cv * bv
    d.backward()
    return {"a": av.grad, "b": bv.grad, "c": cv.grad}
