import math


class Value:
    """A scalar that remembers how it was made, so gradients can flow back through it.

    +, * and relu() work already (the first problem's engine); the rest is yours.
    """

    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward

        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward

        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0, (self,), 'ReLU')

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward

        return out

    def __pow__(self, other):
        """self ** other, for an int or float constant other: d/dx x**k = k * x**(k-1)."""
        pass  # TODO

    def exp(self):
        """e ** self: its derivative is itself."""
        pass  # TODO

    def tanh(self):
        """tanh(self): its derivative is 1 - tanh(self)**2."""
        pass  # TODO

    def log(self):
        """The natural logarithm of self: its derivative is 1 / self."""
        pass  # TODO

    def __neg__(self):  # -self
        pass  # TODO

    def __radd__(self, other):  # other + self, when other is a number
        pass  # TODO

    def __sub__(self, other):  # self - other
        pass  # TODO

    def __rsub__(self, other):  # other - self
        pass  # TODO

    def __rmul__(self, other):  # other * self
        pass  # TODO

    def __truediv__(self, other):  # self / other
        pass  # TODO

    def __rtruediv__(self, other):  # other / self
        pass  # TODO

    def backward(self):
        topo = []
        visited = set()
        stack = [(self, False)]
        while stack:
            v, children_done = stack.pop()
            if children_done:
                topo.append(v)
            elif v not in visited:
                visited.add(v)
                stack.append((v, True))
                for child in v._prev:
                    stack.append((child, False))

        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"
