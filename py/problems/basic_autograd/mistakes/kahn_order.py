class Value:
    """A scalar that remembers how it was made, so gradients can flow back through it."""

    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0.0
        # internal variables used for autograd graph construction
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op  # the op that produced this node, for graph views and debugging

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

    def backward(self):
        # Kahn's algorithm: count how many Values use each node, then take a node once all its users are done
        users, stack = {}, [self]
        while stack:
            v = stack.pop()
            for child in v._prev:
                if child not in users:
                    users[child] = 0
                    stack.append(child)
                users[child] += 1

        self.grad = 1.0
        ready = [self]
        while ready:
            v = ready.pop()
            v._backward()
            for child in v._prev:
                users[child] -= 1
                if users[child] == 0:
                    ready.append(child)

    def __radd__(self, other):  # other + self
        return self + other

    def __rmul__(self, other):  # other * self
        return self * other

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"
