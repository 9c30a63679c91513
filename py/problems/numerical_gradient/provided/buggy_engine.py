"""Eight operations on engine's Values, written as functions, each with its own local rule. One rule is wrong.

    import buggy_engine as bug
    from engine import Value

    x, y = Value(2.0), Value(5.0)
    bug.mul(bug.exp(x), y).backward()   # like (x.exp() * y).backward()

Which one? You could read every rule; in an engine too big to read you would ask gradient_check."""

import math

from engine import Value


def made(data, parents, op, local_grads):
    """A Value made from parents by op; backward() sends it each parent's local derivative times out.grad."""
    out = Value(data, parents, op)

    def _backward():
        for parent, local in zip(parents, local_grads):
            parent.grad += local * out.grad
    out._backward = _backward
    return out


def add(a, b):
    return made(a.data + b.data, (a, b), '+', (1.0, 1.0))


def mul(a, b):
    return made(a.data * b.data, (a, b), '*', (b.data, a.data))


def pow(a, n):
    return made(a.data ** n, (a,), f'**{n}', (n * a.data ** (n - 1),))


def truediv(a, b):
    return made(a.data / b.data, (a, b), '/', (1 / b.data, -1 / b.data ** 2))


def exp(a):
    e = math.exp(a.data)
    return made(e, (a,), 'exp', (e,))


def tanh(a):
    t = math.tanh(a.data)
    return made(t, (a,), 'tanh', (1 - t ** 2,))


def log(a):
    return made(math.log(a.data), (a,), 'log', (1 / a.data,))


def relu(a):
    return made(max(a.data, 0.0), (a,), 'ReLU', (float(a.data > 0),))
