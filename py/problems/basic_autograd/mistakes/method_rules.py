# Each local rule is a method chosen by the node's op, with no closures (so no reference cycles:
# a long chain is freed by reference counting alone), and backward() keeps an explicit stack.
class Value:
    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0.0
        self._prev = children
        self._op = op

    def __add__(self, other):
        return Value(self.data + other.data, (self, other), "+")

    def __mul__(self, other):
        return Value(self.data * other.data, (self, other), "*")

    def relu(self):
        return Value(max(self.data, 0), (self,), "relu")

    def _backward_add(self):
        for child in self._prev:
            child.grad += self.grad

    def _backward_mul(self):
        a, b = self._prev
        a.grad += b.data * self.grad
        b.grad += a.data * self.grad

    def _backward_relu(self):
        (a,) = self._prev
        a.grad += (self.data > 0) * self.grad

    RULES = {"+": _backward_add, "*": _backward_mul, "relu": _backward_relu}

    def _backward(self):
        rule = self.RULES.get(self._op)
        if rule:
            rule(self)

    def backward(self):
        order, seen, stack = [], set(), [(self, iter(self._prev))]
        seen.add(id(self))
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                order.append(node)
            elif id(child) not in seen:
                seen.add(id(child))
                stack.append((child, iter(child._prev)))
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
