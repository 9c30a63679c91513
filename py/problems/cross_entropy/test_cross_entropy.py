import math
import numbers
import random

import pytest

from blobs import make_blobs
from engine import Value

# Each test imports what it uses from submission, so that a function not written yet fails only the tests that
# need it.

TRAINING = make_blobs(90, seed=2024)
FRESH = make_blobs(150, seed=7)
SEED = 0  # of random, before train: the initial weights, so that every run gets the same verdict


def show(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.6g}"
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(show(item) for item in x) + "]"
    if isinstance(x, Value):
        return f"Value({show(x.data)})"
    if " at 0x" in repr(x):  # its address would change the message from run to run
        return f"a {type(x).__name__}"
    return repr(x)


def values(*numbers_):
    return [Value(float(n)) for n in numbers_]


def expected_softmax(logits):
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    return [e / sum(exps) for e in exps]


def called(function, call):
    """function(), with an overflow or a log of 0 told as what it is."""
    try:
        return function()
    except OverflowError:
        raise AssertionError(f"{call} overflowed: exp(1000) is too large for a float. Take the largest logit's "
                             "data from every logit first: the result is the same, and the largest exp is exp(0) = 1"
                             ) from None
    except ValueError as error:
        if not any(said in str(error) for said in ("math domain error", "expected a positive input")):
            raise  # not math.log(0), in the words of Python before 3.14 or since
        raise AssertionError(f"{call} took the log of 0: a probability of exp(-2000) rounds to 0. Compute "
                             "-log softmax[target] as log-sum-exp minus the target's logit, never as the log of a "
                             "probability") from None


def data_of(result, count, call):
    assert isinstance(result, (list, tuple)) and len(result) == count, (
        f"{call} should return a list of {count} Values, got {show(result)}")
    assert all(isinstance(p, Value) for p in result), (
        f"{call} should return Values (so that gradients flow back through them), got {show(result)}")
    return [p.data for p in result]


def test_softmax_gives_probabilities():
    from submission import softmax

    for logits in ([1.0, 2.0, 3.0], [0.5, -1.0, 0.0, 2.0], [4.0, 4.0]):
        call = f"softmax({show(logits)})"
        got = data_of(called(lambda: softmax(values(*logits)), call), len(logits), call)  # noqa: B023 (called at once)
        expected = expected_softmax(logits)
        assert all(math.isclose(g, e, rel_tol=1e-9, abs_tol=1e-12) for g, e in zip(got, expected)), (
            f"{call} should be {show(expected)}, got {show(got)}"
            + (": they should add up to 1; divide each exp by the sum of them all" if not math.isclose(sum(got), 1)
               else ""))


def test_softmax_is_stable():
    from submission import softmax

    call = "softmax([1000, 0, -1000])"
    got = data_of(called(lambda: softmax(values(1000, 0, -1000)), call), 3, call)
    assert all(math.isfinite(g) for g in got) and math.isclose(got[0], 1.0) and got[2] == pytest.approx(0.0), (
        f"{call} should be [1, 0, 0] (the last two tiny), got {show(got)}")


def test_softmax_gradient():
    from submission import softmax

    logits = values(1.0, 2.0, 0.5)
    call = "softmax([1, 2, 0.5])"
    probabilities = called(lambda: softmax(logits), call)
    data_of(probabilities, 3, call)
    probabilities[0].backward()
    p = expected_softmax([1.0, 2.0, 0.5])
    expected = [p[0] * ((j == 0) - p[j]) for j in range(3)]  # dp0/dlj = p0 (1[j = 0] - pj)
    got = [logit.grad for logit in logits]
    assert all(math.isclose(g, e, rel_tol=1e-6, abs_tol=1e-9) for g, e in zip(got, expected)), (
        f"after {call}[0].backward(), the logits' grads should be p0 * (1[j = 0] - pj) = {show(expected)}, got "
        f"{show(got)}")


def test_cross_entropy_value_and_gradient():
    from submission import cross_entropy

    for logits, target in (([1.0, 2.0, 3.0], 0), ([2.0, -1.0, 0.5], 0), ([0.0, 0.0, 0.0], 2)):
        inputs = values(*logits)
        call = f"cross_entropy({show(logits)}, {target})"
        loss = called(lambda: cross_entropy(inputs, target), call)  # noqa: B023 (called at once)
        assert isinstance(loss, Value), f"{call} should return a Value, got {show(loss)}"
        p = expected_softmax(logits)
        assert math.isclose(loss.data, -math.log(p[target]), rel_tol=1e-9), (
            f"{call} should be -log softmax[{target}] = {show(-math.log(p[target]))}, got {show(loss.data)}"
            + (": the sign is flipped" if math.isclose(loss.data, math.log(p[target]), rel_tol=1e-9) else ""))
        loss.backward()
        expected = [p[j] - (j == target) for j in range(3)]
        got = [v.grad for v in inputs]
        assert all(math.isclose(g, e, rel_tol=1e-6, abs_tol=1e-9) for g, e in zip(got, expected)), (
            f"after {call}.backward(), the logits' grads should be softmax - one_hot(target) = {show(expected)}, "
            f"got {show(got)}")


def test_cross_entropy_is_stable():
    from submission import cross_entropy

    inputs = values(1000, -1000, 0)
    call = "cross_entropy([1000, -1000, 0], 1)"
    loss = called(lambda: cross_entropy(inputs, 1), call)
    assert isinstance(loss, Value) and math.isclose(loss.data, 2000.0), (
        f"{call} should be 2000 (log-sum-exp is 1000, the target's logit -1000), got {show(loss)}")
    loss.backward()
    got = [v.grad for v in inputs]
    assert all(math.isfinite(g) for g in got) and got == pytest.approx([1.0, -1.0, 0.0], abs=1e-9), (
        f"after {call}.backward(), the logits' grads should be [1, -1, 0], finite; got {show(got)}")


@pytest.fixture(scope="module")
def model():
    """The learner's model, trained once for the tests that read it."""
    from submission import train

    X, y = TRAINING
    random.seed(SEED)
    return train(X, y)


def predictions(model, X):
    from submission import predict

    return [predict(model, x) for x in X]


def test_predict_returns_a_class(model):
    got = predictions(model, TRAINING[0][:10])
    for p in got:
        assert isinstance(p, numbers.Integral) and not isinstance(p, bool) and p in (0, 1, 2), (
            f"predict(model, x) should return the class, 0, 1 or 2; got {show(p)}"
            + (": that is a score; predict gives the index of the largest" if isinstance(p, (Value, float)) else ""))


def accuracy(model, X, y):
    got = predictions(model, X)
    return sum(p == label for p, label in zip(got, y)) / len(y), got


def test_training_accuracy_is_at_least_0_95(model):
    share, got = accuracy(model, *TRAINING)
    assert share >= 0.95, (f"{share:.0%} of the 90 training points classified right, under 95%"
                           f"{mistaken_way(got, TRAINING[1], model, TRAINING[0])}")


def test_accuracy_on_fresh_points_is_at_least_0_9(model):
    share, got = accuracy(model, *FRESH)
    assert share >= 0.9, (f"{share:.0%} of 150 fresh points classified right, under 90%"
                          f"{mistaken_way(got, FRESH[1], model, FRESH[0])}")


def mean_loss(model, X, y):
    """The trained model's mean cross-entropy, computed here: log 3 is what a model that guesses scores."""
    total = 0.0
    for x, label in zip(X, y):
        logits = [logit.data for logit in model(x)]
        top = max(logits)
        total += top + math.log(sum(math.exp(v - top) for v in logits)) - logits[label]
    return total / len(X)


def mistaken_way(got, labels, model=None, X=None):
    """A clue from the predictions and the loss: a single class for all, a loss that falls the wrong way, a
    training that climbed, or the classes the wrong way round."""
    from submission import cross_entropy

    if len(set(got)) == 1:
        return f": predict gave {show(got[0])} for every point; does training change the model (the loss falling)?"
    confident = cross_entropy(values(5, 0, 0), 0)
    if isinstance(confident, Value) and confident.data < 0:
        return (f": cross_entropy([5, 0, 0], 0) is {show(confident.data)}, below 0 for a confident right guess: "
                "minimising it made the right class less likely, not more; -log p is 0 or more")
    try:
        loss = mean_loss(model, X, labels) if model is not None else None
    except Exception:  # noqa: BLE001 — a model that is not micrograd's: no clue from its loss
        loss = None
    if loss is not None and loss > math.log(3):
        return (f": the trained model's mean cross-entropy is {show(loss)}, worse than guessing (log 3 = 1.0986): "
                "did the update climb the gradient (p.data += ...) rather than step against it?")
    right = sum(p == label for p, label in zip(got, labels)) / len(labels)
    if right < 0.2:
        return ": nearly every point is given another class: is predict's class the largest logit's index?"
    return ": does the loss fall, and for long enough? (plot_loss in train draws it)"
