import math
import numbers
import random

import pytest

from engine import Value
from moons import make_moons
from submission import predict, train

TRAINING = make_moons(100, noise=0.1, seed=2024)
FRESH = make_moons(200, noise=0.1, seed=7)
SEED = 0  # of random, before train: the initial weights and the minibatches, so every run gets the same verdict
WRONG_WAY_ROUND = ": does predict give 1 and -1 the wrong way round? A score above 0 is the label 1"
LOSSES = []  # the data of every Value that backward() ran from while train ran: the loss, step by step


@pytest.fixture(scope="module")
def model():
    """The learner's model, trained once for all the tests, with the losses it went through."""
    X, y = TRAINING
    random.seed(SEED)
    backward = Value.backward

    def recorded(self, *args, **kwargs):
        LOSSES.append(self.data)
        return backward(self, *args, **kwargs)

    Value.backward = recorded
    try:
        return train(X, y)
    finally:
        Value.backward = backward


def how_the_loss_went():
    """Why a model that trained may classify badly, from its losses: they rose, or there were few steps."""
    if len(LOSSES) < 2 or not all(isinstance(loss, numbers.Real) for loss in LOSSES):
        return ""
    tenth = max(1, len(LOSSES) // 10)
    first, last = LOSSES[0], sum(LOSSES[-tenth:]) / tenth  # the last steps' mean: a minibatch's loss is noisy
    if not math.isfinite(last) or last > first:
        return (f": the loss rose from {first:.3g} at the first step to {last:.3g} at the last ones. Does each "
                "step move the parameters against the gradient (p.data -= lr * p.grad)? Is the learning rate "
                "too large?")
    if len(LOSSES) < 50:
        return (f": the loss fell from {first:.3g} to {last:.3g}, but train called backward() only "
                f"{len(LOSSES)} times. Does it take enough steps?")
    return ""


def accuracy(model, X, y):
    """The share of points whose prediction is their label, and what predict returned when it was not ±1
    (as repr shows it), or None."""
    right, odd = 0, None
    for x, label in zip(X, y):
        guess = predict(model, x)
        if not (isinstance(guess, numbers.Real) and guess in (1, -1)):
            odd = repr(guess)
        right += guess == label
    return right / len(y), odd


def test_predict_returns_one_or_minus_one(model):
    X, _ = FRESH
    guesses = [predict(model, x) for x in X[:20]]
    odd = [g for g in guesses if not (isinstance(g, numbers.Real) and g in (1, -1))]
    assert not odd, f"predict should return 1 or -1, got {odd[0]!r}"


def test_training_accuracy_is_at_least_0_95(model):
    X, y = TRAINING
    share, odd = accuracy(model, X, y)
    assert odd is None, f"predict should return 1 or -1, got {odd}"
    why = WRONG_WAY_ROUND if share < 0.1 else how_the_loss_went()
    assert share >= 0.95, (f"the model classifies {share:.0%} of its 100 training points right; at least 95% "
                           f"should be{why}")


def test_accuracy_on_a_fresh_sample_is_at_least_0_9(model):
    X, y = FRESH
    share, odd = accuracy(model, X, y)
    assert odd is None, f"predict should return 1 or -1, got {odd}"
    trained, _ = accuracy(model, *TRAINING)
    why = (WRONG_WAY_ROUND if share < 0.1 else " (it is right on its training points: is it overfitting them?)"
           if trained >= 0.95 else how_the_loss_went())
    assert share >= 0.9, f"the model classifies {share:.0%} of 200 new points right; at least 90% should be{why}"
