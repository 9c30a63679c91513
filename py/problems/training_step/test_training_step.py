import numbers
import random

from engine import Value
from nn import MLP

# Each test imports what it uses from submission, so that a function not written yet fails only the tests that
# need it.

# The lecture's four examples and their targets
XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
YS = [1.0, -1.0, -1.0, 1.0]


def close(actual, expected, tol=1e-9):
    return isinstance(actual, numbers.Real) and abs(actual - expected) <= tol * max(1.0, abs(expected))


def show(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.6g}"
    return repr(x)


def model(seed=1):
    """MLP(3, [4, 4, 1]) with weights that depend only on seed."""
    net = MLP(3, [4, 4, 1])
    rng = random.Random(seed)
    for p in net.parameters():
        p.data = rng.uniform(-1, 1)
    return net


def reference_losses(net, steps, lr, zero_grad=True):
    """What train should return, computed here; zero_grad=False: as if gradients were never zeroed."""
    losses = []
    for _ in range(steps):
        preds = [net(x) for x in XS]
        loss = sum((p - y) ** 2 for p, y in zip(preds, YS)) / len(YS)
        if zero_grad:
            net.zero_grad()
        loss.backward()
        for p in net.parameters():
            p.data -= lr * p.grad
        losses.append(loss.data)
    return losses


def sum_not_mean(got, want):
    """A note when got is len(YS) times want: the squared errors summed, not averaged."""
    if close(got, len(YS) * want, tol=1e-6) and not close(got, want, tol=1e-6):
        return (f": that is {len(YS)} times the reference, the sum of the squared errors of the {len(YS)} examples, "
                "not their mean (sum vs mean). The lecture sums them; here mse divides the sum by len(preds)")
    return ""


def check_losses(losses, expected):
    for step, (got, want) in enumerate(zip(losses, expected), start=1):
        assert close(got, want, tol=1e-6), (
            f"the loss at step {step} should be {show(want)}, got {show(got)}{sum_not_mean(got, want)}")


def learner_losses(steps, lr, seed=1):
    from submission import train
    losses = train(model(seed), XS, YS, steps, lr)
    assert isinstance(losses, list) and len(losses) == steps, (
        f"train(model, xs, ys, steps={steps}, lr) should return a list of {steps} losses, got {show(losses)}")
    assert all(isinstance(x, numbers.Real) for x in losses), (
        f"the losses should be numbers (loss.data), got {show(losses[0])}")
    return losses


def test_mse_value_and_gradient():
    from submission import mse
    preds = [Value(1.0), Value(2.0), Value(3.0)]
    loss = mse(preds, [1.5, 2.0, 2.0])
    assert isinstance(loss, Value), f"mse should return a Value, got {show(loss)}"
    why = ""
    if close(loss.data, 1.25):
        why = (": that is the sum of the squared errors, not their mean (sum vs mean). The lecture sums them; "
               "here mse divides the sum by len(preds)")
    assert close(loss.data, 1.25 / 3), (
        f"mse([1, 2, 3], [1.5, 2, 2]) = (0.25 + 0 + 1) / 3 should be {show(1.25 / 3)}, got {show(loss.data)}{why}")
    loss.backward()
    for p, expected in zip(preds, (-1 / 3, 0.0, 2 / 3)):
        assert close(p.grad, expected), (
            f"d mse / d pred = 2 * (pred - target) / 3 should be {show(expected)} for pred {show(p.data)}, "
            f"got {show(p.grad)}")


def test_sgd_step_moves_against_the_gradient():
    from submission import sgd_step
    params = [Value(1.0), Value(-2.0)]
    params[0].grad, params[1].grad = 0.5, -4.0
    sgd_step(params, 0.1)
    assert close(params[0].data, 0.95), (
        f"with data 1, grad 0.5 and lr 0.1, a step should give 1 - 0.1*0.5 = 0.95, got {show(params[0].data)}")
    assert close(params[1].data, -1.6), (
        f"with data -2, grad -4 and lr 0.1, a step should give -2 + 0.1*4 = -1.6, got {show(params[1].data)}")
    # what sgd_step does to the gradients after its step is its own affair: a fused step may zero them


def test_train_returns_one_loss_per_step():
    losses = learner_losses(steps=3, lr=0.05)
    assert losses[0] > 0


def test_losses_match_the_reference_trajectory():
    expected = reference_losses(model(), steps=20, lr=0.05)
    check_losses(learner_losses(steps=20, lr=0.05), expected)


def test_gradients_are_zeroed_before_each_backward():
    expected = reference_losses(model(), steps=4, lr=0.05)
    piled_up = reference_losses(model(), steps=4, lr=0.05, zero_grad=False)
    losses = learner_losses(steps=4, lr=0.05)
    if all(close(a, b, tol=1e-6) for a, b in zip(losses, piled_up)):
        raise AssertionError(
            f"the losses {', '.join(show(x) for x in losses)} are those of gradients piling up between steps "
            "(the right ones are " + ", ".join(show(x) for x in expected) + "): call model.zero_grad() "
            "before loss.backward() in every step")
    if len(set(losses)) == 1:
        raise AssertionError(f"the loss stayed at {show(losses[0])}: are the gradients zeroed after backward() "
                             "and before the step, so that the step moves nothing?")
    check_losses(losses, expected)


def test_the_loss_falls():
    losses = learner_losses(steps=40, lr=0.05, seed=3)
    assert losses[-1] != losses[0], (
        f"the loss stayed at {show(losses[0])} for 40 steps: do the parameters change in each step?")
    assert losses[-1] < losses[0], (
        f"the loss rose from {show(losses[0])} to {show(losses[-1])} in 40 steps: does sgd_step subtract "
        "lr * grad from each parameter's data?")
    assert losses[-1] < 0.5 * losses[0], (
        f"after 40 steps with lr 0.05 the loss should be under half of {show(losses[0])}, got {show(losses[-1])}")
