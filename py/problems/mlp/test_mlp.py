import numbers

from engine import Value
from submission import MLP, Layer, Neuron


def close(actual, expected):
    return isinstance(actual, numbers.Real) and abs(actual - expected) < 1e-9


def show(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.6g}"
    return repr(x)


def params(module, what):
    """module.parameters(), checked to be a list of Values."""
    found = module.parameters()
    assert isinstance(found, list), f"{what}.parameters() should return a list, got {show(found)}"
    nested = next((p for p in found if isinstance(p, list)), None)
    assert nested is None, (f"{what}.parameters() should be one flat list of Values, but it holds a list inside: "
                            "collect each part's parameters into one list, [p for n in self.neurons for p in "
                            "n.parameters()]")
    assert all(isinstance(p, Value) for p in found), f"{what}.parameters() should hold only Values"
    return found


def set_weights(module, what, numbers_):
    """Set the parameters, in parameters() order, to numbers_."""
    found = params(module, what)
    assert len(found) == len(numbers_), f"{what} should have {len(numbers_)} parameters, got {len(found)}"
    for p, x in zip(found, numbers_):
        p.data = x


def float_forward(layers, x):
    """The MLP's output on plain floats: layers is a list of (weights rows, biases, relu?)."""
    for rows, biases, relu in layers:
        x = [sum(w * xi for w, xi in zip(row, x)) + b for row, b in zip(rows, biases)]
        x = [max(0.0, v) for v in x] if relu else x
    return x[0] if len(x) == 1 else x


def test_parameter_counts():
    assert len(params(Neuron(3), "Neuron(3)")) == 4, "Neuron(3) has 3 weights and a bias: 4 parameters"
    assert len(params(Layer(3, 4), "Layer(3, 4)")) == 16, "Layer(3, 4) has 4 neurons of 4 parameters: 16"
    count = len(params(MLP(2, [16, 16, 1]), "MLP(2, [16, 16, 1])"))
    assert count == 337, (f"MLP(2, [16, 16, 1]) should have (2+1)*16 + (16+1)*16 + (16+1)*1 = 337 parameters, "
                          f"got {count}")


def test_weights_start_random_and_the_bias_at_zero():
    n = Neuron(50)
    ws, b = n.parameters()[:-1], n.parameters()[-1]
    assert all(-1 <= w.data <= 1 for w in ws), "each weight should start at random.uniform(-1, 1)"
    assert len({w.data for w in ws}) > 40, "the weights should start at different random numbers"
    assert close(b.data, 0), f"the bias should start at 0, got {show(b.data)}"


def test_neuron_forward_with_set_weights():
    n = Neuron(3)
    set_weights(n, "Neuron(3)", [0.5, -1.0, 2.0, 0.25])
    out = n([1.0, 2.0, 3.0])
    assert isinstance(out, Value), f"a Neuron should return a Value, got {show(out)}"
    assert close(out.data, 4.75), f"relu(0.5*1 - 1*2 + 2*3 + 0.25) should be 4.75, got {show(out.data)}"
    out = n([-1.0, 2.0, 0.0])
    assert close(out.data, 0), f"relu(0.5*(-1) - 1*2 + 2*0 + 0.25) = relu(-2.25) should be 0, got {show(out.data)}"
    linear = Neuron(3, nonlin=False)
    set_weights(linear, "Neuron(3, nonlin=False)", [0.5, -1.0, 2.0, 0.25])
    out = linear([-1.0, 2.0, 0.0])
    assert close(out.data, -2.25), f"Neuron(3, nonlin=False) applies no relu: should give -2.25, got {show(out.data)}"


def test_a_layer_with_one_output_returns_a_single_value():
    one = Layer(2, 1)([1.0, 2.0])
    assert isinstance(one, Value), f"Layer(2, 1) should return a single Value, got {show(one)}"
    many = Layer(2, 3)([1.0, 2.0])
    assert isinstance(many, list) and len(many) == 3 and all(isinstance(v, Value) for v in many), (
        f"Layer(2, 3) should return a list of 3 Values, got {show(many)}")


def test_mlp_forward_with_set_weights():
    model = MLP(2, [3, 1])
    hidden = [[0.5, -0.25], [-1.0, 0.75], [0.3, 0.2]], [0.1, 0.2, -0.3], True
    last = [[1.0, -2.0, 0.5]], [0.4], False
    set_weights(model, "MLP(2, [3, 1])", [w for rows, bs, _ in (hidden, last) for row, b in zip(rows, bs)
                                          for w in [*row, b]])
    for x in ([1.0, 2.0], [-1.5, 0.5], [2.0, -3.0]):
        out = model(x)
        expected = float_forward([hidden, last], x)
        assert isinstance(out, Value), f"MLP(2, [3, 1]) should return a single Value, got {show(out)}"
        assert close(out.data, expected), f"MLP(2, [3, 1])({x}) should be {show(expected)}, got {show(out.data)}"


def test_the_last_layer_is_linear():
    model = MLP(1, [2, 1])
    set_weights(model, "MLP(1, [2, 1])", [2.0, 0.0, 1.0, 0.0, -3.0, 1.0, 0.5])
    out = model([1.0])
    assert isinstance(out, Value), f"MLP(1, [2, 1]) should return a single Value, got {show(out)}"
    why = ": the last layer takes no relu, so the network can output negative numbers" if out.data == 0 else ""
    assert close(out.data, -4.5), (
        f"MLP(1, [2, 1])([1]) = -3*relu(2*1 + 0) + 1*relu(1*1 + 0) + 0.5 should be -4.5, got {show(out.data)}{why}")


def test_inputs_may_be_values():
    model = MLP(2, [2, 1])
    set_weights(model, "MLP(2, [2, 1])", [1.0, 1.0, 0.0, 1.0, -1.0, 0.0, 1.0, 1.0, 0.0])
    out = model([Value(2.0), Value(1.0)])
    assert close(out.data, 4.0), f"with Value inputs 2 and 1 the output should be 4, got {show(out.data)}"


def test_every_parameter_receives_a_gradient():
    model = MLP(2, [4, 4, 1])
    ps = params(model, "MLP(2, [4, 4, 1])")
    for i, p in enumerate(ps):
        p.data = 0.1 + 0.05 * (i % 5)  # positive: every relu passes its gradient
    x = [Value(1.0), Value(2.0)]
    out = model(x)
    out.backward()
    missing = [i for i, p in enumerate(ps) if not isinstance(p.grad, numbers.Real) or p.grad == 0]
    assert not missing, (f"after backward(), {len(missing)} of the {len(ps)} parameters have no gradient "
                         f"(parameters() positions {missing[:8]}): is every weight and bias used in __call__?")
    assert all(v.grad != 0 for v in x), "the inputs should receive gradients too"


def test_zero_grad_zeroes_every_parameter():
    model = MLP(2, [4, 1])
    ps = params(model, "MLP(2, [4, 1])")
    for p in ps:
        p.data = 0.5
    model([1.0, 2.0]).backward()
    data = [p.data for p in ps]
    model.zero_grad()
    left = [i for i, p in enumerate(ps) if p.grad != 0]
    assert not left, f"after zero_grad(), {len(left)} of the {len(ps)} parameters still have a gradient"
    assert [p.data for p in ps] == data, "zero_grad() should change only the gradients, not the data"
