import itertools
import math
import numbers

from engine import Value

# Each test imports what it uses from submission, so that a class not written yet fails only the tests that
# need it.


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


def check_count(found, what, expected, parts):
    """found parameters, expected of them: parts says what they are (\"3 weights, then the bias\")."""
    missing_bias = what.startswith("Neuron") and len(found) == expected - 1
    why = ": the bias is missing, parameters() should end with it (self.w + [self.b])" if missing_bias else ""
    assert len(found) == expected, (
        f"{what}.parameters() has {len(found)} entries where {expected} were expected ({parts}){why}")


def set_weights(module, what, numbers_, parts):
    """Set the parameters, in parameters() order, to numbers_."""
    found = params(module, what)
    check_count(found, what, len(numbers_), parts)
    for p, x in zip(found, numbers_):
        p.data = x


ACTIVATIONS = {"relu": lambda v: max(0.0, v), "no relu": lambda v: v, "tanh": math.tanh}


def float_forward(layers, x, acts=None):
    """The MLP's output on plain floats: layers is a list of (weights rows, biases, relu?); acts, one of
    ACTIVATIONS per layer, replaces the relu? flags."""
    acts = acts or ["relu" if relu else "no relu" for _, _, relu in layers]
    for (rows, biases, _), act in zip(layers, acts):
        x = [ACTIVATIONS[act](sum(w * xi for w, xi in zip(row, x)) + b) for row, b in zip(rows, biases)]
    return x[0] if len(x) == 1 else x


def activation_advice(acts):
    if acts[-1] == "relu" and len(acts) > 1:
        return "the last layer takes no relu, so the network can output negative numbers"
    if "tanh" in acts:
        return ("the neurons here use relu, not tanh: act.relu(), as in micrograd's nn.py (the lecture's first "
                "neuron uses tanh)")
    if "relu" not in acts:
        return "no layer applies relu: a Neuron applies relu to w · x + b unless it is built with nonlin=False"
    return "every layer but the last uses relu: build layer i with nonlin=i != len(nouts) - 1"


def what_it_computes(layers, xs, got):
    """Why the outputs got for the inputs xs are wrong, when a mix-up of activations explains them, or ""."""
    found = []
    for acts in itertools.product(ACTIVATIONS, repeat=len(layers)):
        if all(close(g, float_forward(layers, x, acts)) for g, x in zip(got, xs)):
            found.append(acts)
    advice = {activation_advice(acts) for acts in found}
    if len(advice) != 1:
        return ""
    if len(found) > 1:
        return f": {advice.pop()}"
    layers_ = ", ".join(str(i) for i in range(1, len(layers)))
    return f": that is the output with {', '.join(found[0][:-1])} and {found[0][-1]} on layers {layers_} " \
           f"and {len(layers)}, and {advice.pop()}"


def test_parameter_counts():
    from submission import MLP, Layer, Neuron
    check_count(params(Neuron(3), "Neuron(3)"), "Neuron(3)", 4, "3 weights, then the bias")
    check_count(params(Layer(3, 4), "Layer(3, 4)"), "Layer(3, 4)", 16, "4 neurons of 3 weights and a bias")
    check_count(params(MLP(2, [16, 16, 1]), "MLP(2, [16, 16, 1])"), "MLP(2, [16, 16, 1])", 337,
                "(2+1)*16 + (16+1)*16 + (16+1)*1")


def test_weights_start_random_and_the_bias_at_zero():
    from submission import Neuron
    n = Neuron(50)
    found = params(n, "Neuron(50)")
    check_count(found, "Neuron(50)", 51, "50 weights, then the bias")
    ws, b = found[:-1], found[-1]
    assert all(-1 <= w.data <= 1 for w in ws), "each weight should start at random.uniform(-1, 1)"
    assert len({w.data for w in ws}) > 40, "the weights should start at different random numbers"
    assert close(b.data, 0), f"the bias (the last of parameters()) should start at 0, got {show(b.data)}"


def test_neuron_forward_with_set_weights():
    from submission import Neuron
    n = Neuron(3)
    set_weights(n, "Neuron(3)", [0.5, -1.0, 2.0, 0.25], "3 weights, then the bias")
    out = n([1.0, 2.0, 3.0])
    assert isinstance(out, Value), f"a Neuron should return a Value, got {show(out)}"
    why = ""
    if close(out.data, math.tanh(4.75)):
        why = f": that is tanh(4.75), and {activation_advice(['tanh'])}"
    elif close(out.data, 4.5):
        why = ": that is without the bias 0.25. Add it: sum((wi * xi for ...), self.b)"
    assert close(out.data, 4.75), f"relu(0.5*1 - 1*2 + 2*3 + 0.25) should be 4.75, got {show(out.data)}{why}"
    out = n([-1.0, 2.0, 0.0])
    why = ": is relu applied?" if close(out.data, -2.25) else ""
    assert close(out.data, 0), (
        f"relu(0.5*(-1) - 1*2 + 2*0 + 0.25) = relu(-2.25) should be 0, got {show(out.data)}{why}")
    linear = Neuron(3, nonlin=False)
    set_weights(linear, "Neuron(3, nonlin=False)", [0.5, -1.0, 2.0, 0.25], "3 weights, then the bias")
    out = linear([-1.0, 2.0, 0.0])
    assert close(out.data, -2.25), f"Neuron(3, nonlin=False) applies no relu: should give -2.25, got {show(out.data)}"


def test_a_layer_with_one_output_returns_a_single_value():
    from submission import Layer
    one = Layer(2, 1)([1.0, 2.0])
    assert isinstance(one, Value), f"Layer(2, 1) should return a single Value, got {show(one)}"
    many = Layer(2, 3)([1.0, 2.0])
    assert isinstance(many, list) and len(many) == 3 and all(isinstance(v, Value) for v in many), (
        f"Layer(2, 3) should return a list of 3 Values, got {show(many)}")


def check_forward(sizes, layers, xs):
    """MLP(*sizes) with the weights of layers gives float_forward's output on each of xs."""
    from submission import MLP
    what = f"MLP({sizes[0]}, {sizes[1]})"
    model = MLP(*sizes)
    set_weights(model, what, [w for rows, bs, _ in layers for row, b in zip(rows, bs) for w in [*row, b]],
                "layer by layer, neuron by neuron: its weights, then its bias")
    got = []
    for x in xs:
        out = model(x)
        assert isinstance(out, Value), f"{what} should return a single Value, got {show(out)}"
        got.append(out.data)
    expected = [float_forward(layers, x) for x in xs]
    for x, g, want in zip(xs, got, expected):
        assert close(g, want), (
            f"{what}({x}) should be {show(want)}, got {show(g)}{what_it_computes(layers, xs, got)}")


def test_mlp_forward_with_set_weights():
    hidden = [[0.5, -0.25], [-1.0, 0.75], [0.3, 0.2]], [0.1, 0.2, -0.3], True
    last = [[1.0, -2.0, 0.5]], [0.4], False
    check_forward((2, [3, 1]), [hidden, last], ([1.0, 2.0], [-1.5, 0.5], [2.0, -3.0]))


def test_every_hidden_layer_uses_relu():
    first = [[-2.0, -1.0], [-0.75, 2.0]], [1.0, 1.5], True
    second = [[-2.0, 0.25], [-1.0, -1.0]], [0.5, 0.75], True
    last = [[-2.0, 0.75]], [-0.25], False
    check_forward((2, [2, 2, 1]), [first, second, last], ([1.0, 2.0], [-1.5, 0.5], [2.0, -3.0]))


def test_the_last_layer_is_linear():
    from submission import MLP
    model = MLP(1, [2, 1])
    set_weights(model, "MLP(1, [2, 1])", [2.0, 0.0, 1.0, 0.0, -3.0, 1.0, 0.5],
                "layer by layer, neuron by neuron: its weights, then its bias")
    out = model([1.0])
    assert isinstance(out, Value), f"MLP(1, [2, 1]) should return a single Value, got {show(out)}"
    layers = [([[2.0], [1.0]], [0.0, 0.0], True), ([[-3.0, 1.0]], [0.5], False)]
    why = what_it_computes(layers, [[1.0]], [out.data])
    assert close(out.data, -4.5), (
        f"MLP(1, [2, 1])([1]) = -3*relu(2*1 + 0) + 1*relu(1*1 + 0) + 0.5 should be -4.5, got {show(out.data)}{why}")


def test_inputs_may_be_values():
    from submission import MLP
    model = MLP(2, [2, 1])
    weights = [1.0, 1.0, 0.0, 1.0, -1.0, 0.0, 1.0, 1.0, 0.0]
    set_weights(model, "MLP(2, [2, 1])", weights, "layer by layer, neuron by neuron: its weights, then its bias")
    out = model([Value(2.0), Value(1.0)])
    if close(out.data, 4.0):
        return
    from_numbers = model([2.0, 1.0]).data
    if close(from_numbers, out.data):
        layers = [([[1.0, 1.0], [1.0, -1.0]], [0.0, 0.0], True), ([[1.0, 1.0]], [0.0], False)]
        raise AssertionError(
            f"with inputs 2 and 1 the output should be 4, got {show(out.data)} from Values and numbers alike, so "
            f"the forward pass is wrong, not the Value inputs{what_it_computes(layers, [[2.0, 1.0]], [out.data])}")
    raise AssertionError(f"with Value inputs 2 and 1 the output should be 4 (as with numbers, "
                         f"{show(from_numbers)}), got {show(out.data)}")


def test_every_parameter_receives_a_gradient():
    from submission import MLP
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
    from submission import MLP
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
