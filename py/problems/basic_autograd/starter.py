class Value:
    """A scalar that remembers how it was made, so gradients can flow back through it."""

    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None  # each operation replaces this with its local rule
        self._prev = tuple(_children)  # the Values this one was computed from
        self._op = _op  # the op that produced this node: '+', '*' or 'ReLU'

    def __add__(self, other):
        """Return a new Value for self + other, with a _backward that adds out.grad into both inputs."""
        pass  # TODO

    def __mul__(self, other):
        """Return a new Value for self * other, with a _backward that applies the product rule."""
        pass  # TODO

    def relu(self):
        """Return a new Value for max(0, self), passing gradient back only where self is positive."""
        pass  # TODO

    def backward(self):
        """Sort the graph topologically, set self.grad = 1, then call each node's _backward in reverse."""
        pass  # TODO

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"
