import math


def neuron_grads(x1, x2, w1, w2, b):
    x1w1 = x1 * w1
    x2w2 = x2 * w2
    x1w1x2w2 = x1w1 + x2w2
    n = x1w1x2w2 + b
    o = math.tanh(n)
    grad = {}
    n_grad = 1 - o * o
    grad["b"] = n_grad
    x1w1x2w2_grad = n_grad
    x1w1_grad = x1w1x2w2_grad
    x2w2_grad = x1w1x2w2_grad
    grad["x1"] = w1 * x1w1_grad
    grad["w1"] = x1 * x1w1_grad
    grad["x2"] = w2 * x2w2_grad
    grad["w2"] = x2 * x2w2_grad
    return grad


def chain_grads(a):
    b = a * a
    c = b + a
    grads = {"a": 0.0, "b": 0.0, "c": 0.0}
    # d = c * b
    grads["c"] += b
    grads["b"] += c
    # c = b + a
    grads["b"] += grads["c"]
    grads["a"] += grads["c"]
    # b = a * a
    grads["a"] += 2 * a * grads["b"]
    return grads
