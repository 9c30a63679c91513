import math
import numbers
import random

import engine

# Each test imports what it uses from submission, so that a function not written yet fails only the tests that
# need it.

LECTURE = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}
NEURON_KEYS = ["x1", "x2", "w1", "w2", "b"]
CHAIN_KEYS = ["a", "b", "c"]


def show(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.6g}"
    return repr(x)


def close(actual, expected, tol=1e-6):
    return isinstance(actual, numbers.Real) and abs(actual - expected) <= tol * max(1.0, abs(expected))


def checked(grads, keys, call):
    """grads, once it is a dict of a real number per key; else the failure says what came back."""
    assert isinstance(grads, dict), f"{call} should return a dict, got {show(grads)}"
    missing = [key for key in keys if key not in grads]
    assert not missing, f"{call} should have the keys {', '.join(keys)}; {', '.join(missing)} missing"
    for key in keys:
        value = grads[key]
        assert isinstance(value, numbers.Real) and not isinstance(value, bool), (
            f"{call}[{key!r}] should be a number, got {type(value).__name__} {show(value)}"
            + (": by hand, a float; not a Value" if isinstance(value, engine.Value) else ""))
    return grads


# The neuron: n = x1*w1 + x2*w2 + b, o = tanh(n)

def neuron_expected(x1, x2, w1, w2, b):
    o = math.tanh(x1 * w1 + x2 * w2 + b)
    slope = 1 - o * o
    return o, {"x1": slope * w1, "x2": slope * w2, "w1": slope * x1, "w2": slope * x2, "b": slope}


def neuron_slip(key, got, point, o):
    """What a wrong value for key most likely comes from, as a clause ("" when nothing fits)."""
    multiplier = {"x1": "w1", "x2": "w2", "w1": "x1", "w2": "x2", "b": None}[key]
    other = {"x1": "x1", "x2": "x2", "w1": "w1", "w2": "w2", "b": None}[key]
    factor = point[multiplier] if multiplier else 1.0
    slips = [
        (o * factor, f"that is o{f' * {multiplier}' if multiplier else ''}: tanh's derivative is 1 - o**2, "
                     "not o itself"),
        ((1 - o) * factor, "that is (1 - o) where 1 - o**2 belongs: tanh's derivative is 1 - tanh(n)**2"),
        (factor, f"that leaves out do/dn = 1 - o**2: every path from {key} to o goes through n and the tanh"),
        ((1 - o * o) * point[other] if other else None,
         f"that is (1 - o**2) * {other}: the derivative of n by {key} is {multiplier}, the number {key} "
         f"multiplies, not {key} itself"),
        (-(1 - o * o) * factor, "that is the right size with the wrong sign"),
    ]
    expected = neuron_expected(**point)[1][key]
    for value, why in slips:
        if value is not None and not close(value, expected) and close(got, value):
            return f": {why}"
    return ""


def check_neuron(point):
    from submission import neuron_grads

    call = f"neuron_grads({', '.join(show(point[k]) for k in NEURON_KEYS)})"
    grads = checked(neuron_grads(**point), NEURON_KEYS, call)
    o, expected = neuron_expected(**point)
    for key in NEURON_KEYS:
        assert close(grads[key], expected[key]), (
            f"{call}: do/d{key} should be {show(expected[key])}, got {show(grads[key])}"
            f"{neuron_slip(key, grads[key], point, o)} (here o = {show(o)}, 1 - o**2 = {show(1 - o * o)})")


def test_neuron_at_the_lectures_numbers():
    check_neuron(LECTURE)


def test_neuron_gives_five_numbers():
    from submission import neuron_grads

    checked(neuron_grads(1.0, -1.0, 0.5, 0.25, 0.1), NEURON_KEYS, "neuron_grads(1, -1, 0.5, 0.25, 0.1)")


def test_neuron_everywhere():
    rng = random.Random(7)
    for _ in range(50):
        check_neuron({key: rng.choice([rng.uniform(-3, 3), float(rng.randint(-3, 3))]) for key in NEURON_KEYS})


# The graph: b = a * a, c = b + a, d = c * b, so d = a**4 + a**3

def chain_expected(a):
    return {"a": 4 * a**3 + 3 * a**2, "b": 2 * a**2 + a, "c": a**2}


def chain_slip(key, got, a):
    b, c = a * a, a * a + a
    total_b = c + b
    slips = {
        "b": [(c, "that is c, b's direct use in d = c * b alone: b is also used in c = b + a, which adds "
                  "dd/dc * dc/db = b * 1")],
        "a": [(total_b * 2 * a, "that is the path through b alone: a is also used in c = b + a, which adds dd/dc"),
              (total_b * a + b, "that counts a once in b = a * a: a is used twice there, so db/da = 2 * a"),
              (c * 2 * a + b, "that sends back only b's direct part (c); b's gradient is the sum over all its "
                              "uses (c + b) before it passes on to a")],
        "c": [],
    }[key]
    slips += [(-chain_expected(a)[key], "that is the right size with the wrong sign")]
    for value, why in slips:
        if not close(value, chain_expected(a)[key]) and close(got, value):
            return f": {why}"
    return ""


def check_chain(a):
    from submission import chain_grads

    call = f"chain_grads({show(a)})"
    grads = checked(chain_grads(a), CHAIN_KEYS, call)
    expected = chain_expected(a)
    for key in ["c", "b", "a"]:  # from d back: a wrong c explains a wrong b
        assert close(grads[key], expected[key]), (
            f"{call}: dd/d{key} should be {show(expected[key])}, got {show(grads[key])}{chain_slip(key, grads[key], a)}"
            f" (here b = {show(a * a)}, c = {show(a * a + a)})")


def test_chain_at_three():
    check_chain(3.0)


def test_chain_everywhere():
    for a in [-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 2.5, 7.0]:
        check_chain(a)


def test_no_value_is_built(monkeypatch):
    from submission import chain_grads, neuron_grads

    built = []
    original = engine.Value.__init__

    def counting(self, *args, **kwargs):
        built.append(args[:1])
        original(self, *args, **kwargs)

    monkeypatch.setattr(engine.Value, "__init__", counting)
    checked(neuron_grads(**LECTURE), NEURON_KEYS, "neuron_grads(2, 0, -3, 1, 6.88137)")
    checked(chain_grads(3.0), CHAIN_KEYS, "chain_grads(3)")
    assert not built, (f"neuron_grads and chain_grads made {len(built)} Values: by hand means floats and math "
                       "alone (the engine is there to check your numbers, in Run code)")
