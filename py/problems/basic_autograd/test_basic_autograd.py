import numbers

from submission import Value


def close(actual, expected):
    """True when actual is a number within 1e-9 of expected (so None or a Value is just 'wrong')."""
    return isinstance(actual, numbers.Real) and abs(actual - expected) < 1e-9


def show(x):
    """A number as the messages write it: -4.0 as -4, other numbers (and anything else) as repr shows them."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return repr(x)


def test_reference_example():
    a, b, c = Value(2), Value(-3), Value(10)
    d = a + b * c
    assert close(d.data, -28), f"d = a + b*c = 2 + (-3)*10 should be -28, got {show(d.data)}"
    e = d.relu()
    assert close(e.data, 0), f"e = relu(d) = relu(-28) should be 0, got {show(e.data)}"
    e.backward()
    for name, v in (("a", a), ("b", b), ("c", c)):
        assert close(v.grad, 0), (
            f"relu(-28) passes no gradient back, so {name}.grad should be 0, got {show(v.grad)}")


def test_product_plus_self():
    x, y = Value(3.0), Value(-4.0)
    z = x * y + x
    assert close(z.data, -9), f"z = x*y + x = 3*(-4) + 3 should be -9, got {show(z.data)}"
    z.backward()
    assert close(x.grad, -3), (
        f"z = x*y + x, so x.grad = y + 1 = -4 + 1 should be -3, got {show(x.grad)}")
    assert close(y.grad, 3), f"z = x*y + x, so y.grad = x should be 3, got {show(y.grad)}"


def test_relu_positive():
    x = Value(3.0)
    y = x.relu()
    assert close(y.data, 3), f"relu(3) should be 3, got {show(y.data)}"
    y.backward()
    assert close(x.grad, 1), (
        f"relu passes the gradient through unchanged when its input is positive, "
        f"so x.grad should be 1, got {show(x.grad)}")


def test_accumulates_when_reused():
    x = Value(3.0)
    y = x + x
    assert close(y.data, 6), f"y = x + x = 3 + 3 should be 6, got {show(y.data)}"
    y.backward()
    assert close(x.grad, 2), f"x is used twice, so x.grad should be 2, got {show(x.grad)}"


def test_product_of_a_value_with_itself():
    x = Value(3.0)
    y = x * x
    assert close(y.data, 9), f"y = x * x = 3 * 3 should be 9, got {show(y.data)}"
    y.backward()
    assert close(x.grad, 6), (
        f"y = x * x uses x as both operands, so x.grad should be 2*x = 6, got {show(x.grad)}")


def test_a_sum_adds_to_both_operands():
    x, y = Value(3.0), Value(2.0)
    s = x + y
    z = s * x  # x feeds the sum (as its left operand) and the product
    assert close(z.data, 15), f"z = (x + y) * x = 5 * 3 should be 15, got {show(z.data)}"
    z.backward()
    assigned = close(x.grad, 3)  # the sum's share only: its rule set self.grad after the product added its own
    assert close(x.grad, 8), (
        f"z = (x + y) * x: x.grad should be (x + y) + x = 5 + 3 = 8, got {show(x.grad)}: x is used by the + and "
        f"by the *, and gets a share from each"
        + (". The + set x.grad to its share instead of adding it: in __add__'s _backward, self.grad needs += as "
           "much as other.grad does" if assigned else ""))
    assert close(y.grad, 3), f"z = (x + y) * x: y.grad should be x = 3, got {show(y.grad)}"


def test_shared_node_collects_all_paths():
    a = Value(2.0)
    b = a * Value(3.0)  # b = 6 feeds both p and q
    p = b * Value(4.0)
    q = b * Value(5.0)
    out = p + q
    assert close(out.data, 54), f"out = 4*b + 5*b = 9*6 should be 54, got {show(out.data)}"
    out.backward()
    assert close(b.grad, 9), f"b feeds both p and q, so b.grad should be 4 + 5 = 9, got {show(b.grad)}"
    assert close(a.grad, 27), (
        f"b = 3*a, so a.grad = 3 * b.grad should be 27, got {show(a.grad)}: b must collect its "
        f"gradient from both paths before passing it on, which reverse topological order ensures")


def test_shared_node_with_paths_of_different_lengths():
    a = Value(1.5)
    b = a * Value(2.0)  # b = 3 feeds c directly, and through 3*b + 1
    c = b + (b * Value(3.0) + Value(1.0))
    assert close(c.data, 13), f"c = b + (3*b + 1) = 3 + 10 should be 13, got {show(c.data)}"
    c.backward()
    assert close(b.grad, 4), f"c = b + (3*b + 1), so b.grad = 1 + 3 should be 4, got {show(b.grad)}"
    assert close(a.grad, 8), (
        f"b = 2*a, so a.grad = 2 * b.grad should be 8, got {show(a.grad)}: b passed its gradient on before "
        f"3*b had added to it. Visiting nodes breadth first from the output is not a topological order: "
        f"b is one step from c and also three steps away. Visit every node after all the nodes made from it "
        f"(reverse topological order)")


def test_output_seeded_with_one():
    x = Value(2.0)
    y = x * Value(5.0)
    y.backward()
    assert close(y.grad, 1), (
        f"backward() starts from dy/dy = 1, so y.grad should be 1, got {show(y.grad)}")
    assert close(x.grad, 5), f"y = 5*x, so x.grad should be 5, got {show(x.grad)}"


def test_relu_negative_blocks_gradient():
    x = Value(-2.0)
    z = x.relu() + x
    assert close(z.data, -2), f"z = relu(-2) + (-2) = 0 - 2 should be -2, got {show(z.data)}"
    z.backward()
    assert close(x.grad, 1), (
        f"relu(-2) passes no gradient back, so only the '+ x' path counts "
        f"and x.grad should be 1, got {show(x.grad)}")


def test_long_chain():
    x, one = Value(1.0), Value(1.0)
    y = x
    for _ in range(10_000):
        y = y + one
    assert close(y.data, 10_001), f"1 plus 10,000 ones should be 10001, got {show(y.data)}"
    try:
        y.backward()
    except RecursionError:
        raise AssertionError(
            "backward() hit Python's recursion limit on a chain of 10,000 additions. A recursive "
            "topological sort makes one nested call per node along the longest path, and Python stops "
            "at 1,000 nested calls: build the order with a loop and a list as your own stack instead") from None
    assert close(x.grad, 1), f"y = x + 1 + 1 + ... + 1, so x.grad should be 1, got {show(x.grad)}"


def test_relu_passes_on_the_gradient_it_receives():
    x = Value(2.0)
    z = x.relu() * Value(3.0)
    assert close(z.data, 6), f"z = relu(2) * 3 should be 6, got {show(z.data)}"
    z.backward()
    assert close(x.grad, 3), (
        f"z = relu(x) * 3 with x = 2, so x.grad = 1 * 3 should be 3, got {show(x.grad)}: relu's rule must "
        f"multiply its local gradient by out.grad, the gradient it receives (here 3), like every other rule")


def test_relu_at_zero_passes_no_gradient():
    x = Value(0.0)
    z = x.relu() + x
    assert close(x.relu().data, 0), f"relu(0) should be 0, got {show(x.relu().data)}"
    assert close(z.data, 0), f"z = relu(0) + 0 should be 0, got {show(z.data)}"
    z.backward()
    assert close(x.grad, 1), (
        f"relu's local gradient is 1 only where its input is positive, and 0 is not: relu(0) passes no "
        f"gradient back, so only the '+ x' path counts and x.grad should be 1, got {show(x.grad)}")
