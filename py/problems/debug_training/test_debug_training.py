import math
import numbers
import random

from engine import Value
from nn import MLP

# The lecture's four examples, and models made the way the statement says, seeded so that every run gets the same
# verdict. Seeds whose model learns at any learning rate from 0.02 to 0.1 (in 150 steps, never growing).
XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
YS = [1.0, -1.0, -1.0, 1.0]
SEEDS = [2, 4, 10, 14]
STEPS = 150
LEVEL = 0.05
TRAINED = {}  # seed -> (model, losses): each seed trained once, for all the tests that read it


def show(x):
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:.4g}"
    if isinstance(x, list):
        return "[" + ", ".join(show(item) for item in x) + "]"
    if " at 0x" in repr(x):  # a generator, a function: its address would change the message from run to run
        return f"a {type(x).__name__}"
    return repr(x)


def model_for(seed):
    random.seed(seed)
    return MLP(3, [4, 4, 1])


def mean_squared_error(preds):
    return sum((p - y) ** 2 for p, y in zip(preds, YS)) / len(YS)


def losses_of(result, steps, call):
    """result, once it is a list of steps real numbers; else the failure says what came back."""
    assert isinstance(result, list), f"{call} should return the list of losses, got {show(result)}"
    assert len(result) == steps, f"{call} should give {steps} losses, one per step; got {len(result)}"
    for loss in result:
        assert isinstance(loss, numbers.Real) and not isinstance(loss, bool), (
            f"{call} should give numbers (loss.data), got {type(loss).__name__} {show(loss)}"
            + (": a Value; append loss.data" if isinstance(loss, Value) else ""))
    return [float(loss) for loss in result]


def trained(seed):
    from submission import train

    if seed not in TRAINED:
        model = model_for(seed)
        losses = losses_of(train(model, XS, YS, STEPS), STEPS, f"train(model, xs, ys, {STEPS})")
        TRAINED[seed] = (model, losses)
    return TRAINED[seed]


def how_it_went(losses):
    """The loss curve's shape, as a learner would read it off the plot: diverging, flat, or falling then stuck."""
    bad = next((k for k, loss in enumerate(losses) if not math.isfinite(loss)), None)
    if bad is not None:
        return f"the loss overflowed to {show(losses[bad])} at step {bad}: it diverged"
    top = max(range(len(losses)), key=lambda k: losses[k])
    if losses[top] > losses[0] * (1 + 1e-9):
        return (f"the loss grew past its start, from {show(losses[0])} at step 0 to {show(losses[top])} at step "
                f"{top}: it diverges. Steps that overshoot make a loss grow: a learning rate too large, or gradients "
                "never zeroed, so that each step adds the gradients of all the steps before it (or an update of "
                "the wrong sign, p.data += ..., which climbs)")
    last = losses[-1]
    still = len(losses) - 1
    while still > 0 and abs(losses[still - 1] - last) <= 1e-9 * max(1.0, abs(last)):
        still -= 1
    if still < len(losses) // 2:
        if abs(last - 1) < 1e-9:
            why = (": every prediction the loss sees is 0, which is what dead relus give (their inputs below 0 for "
                   "every example, so no gradient passes them), or a relu on the output")
        elif still == 0:
            why = ": from the first step, as if the update read gradients of 0 (zeroed after backward(), before it?)"
        else:
            why = ""
        return (f"the loss is flat at {show(last)} from step {still} on: nothing changes any more, so no gradient "
                f"reaches the weights{why}")
    tail = losses[-max(2, len(losses) // 10):]
    if any(b > a * (1 + 1e-9) for a, b in zip(tail, tail[1:])):
        return (f"the loss fell from {show(losses[0])} and wobbles around {show(last)} instead of settling: steps "
                "that overshoot back and forth (a learning rate too large, or gradients never zeroed)")
    if last < 0.97 * tail[0]:
        return (f"the loss fell from {show(losses[0])} to {show(last)} and is still falling, slowly: steps too small "
                f"to get there in {len(losses)} (a larger learning rate?)")
    why = (": 0.5 is the loss of predictions of 0 for both targets of -1, and those 1 for both of 1; a relu on the "
           "output can't go below 0") if abs(last - 0.5) < 1e-3 else ""
    return f"the loss fell from {show(losses[0])} to {show(last)} and is stuck above {show(LEVEL)}{why}"


def test_the_losses_are_the_models_mean_squared_error():
    from submission import train

    model = model_for(2)
    preds = [model(x) for x in XS]
    expected = mean_squared_error([p.data for p in preds])
    clipped = mean_squared_error([max(p.data, 0.0) for p in preds])
    squashed = mean_squared_error([math.tanh(p.data) for p in preds])
    call = "train(model, xs, ys, 3)"
    losses = losses_of(train(model, XS, YS, 3), 3, call)
    slips = [
        (clipped, ": that is the loss of relu(model(x)). A relu on the output turns every prediction below 0 into "
                  "0, so a target of -1 is out of reach, and a prediction below 0 gets no gradient to come back"),
        (expected * len(YS), ": that is the sum of the squared errors; the mean divides by len(ys)"),
        (squashed, ": that is the loss of tanh(model(x)). The model's own output is what must fit the targets "
                   "(its last layer is linear already)"),
    ]
    why = next((clause for value, clause in slips if math.isclose(losses[0], value, rel_tol=1e-9)),
               ": each step's loss is loss.data of the loss that backward() runs from, taken before the update")
    assert math.isclose(losses[0], expected, rel_tol=1e-9), (
        f"{call}: the first loss should be the mean squared error of the model as it was given, "
        f"{show(expected)}; got {show(losses[0])}{why}")


def test_gradients_are_zeroed_before_each_backward(monkeypatch):
    from submission import train

    model = model_for(5)  # some of its outputs are above 0: gradients flow even through a relu on the output
    parameters = model.parameters()
    seen = []  # at each backward(): the largest |grad| the parameters held
    backward = Value.backward

    def watched(self, *args, **kwargs):
        seen.append(max(abs(p.grad) for p in parameters))
        return backward(self, *args, **kwargs)

    monkeypatch.setattr(Value, "backward", watched)
    train(model, XS, YS, 5)
    assert seen, "train(model, xs, ys, 5) never called backward(): no gradient, no learning"
    for step, held in enumerate(seen):
        assert held == 0, (
            f"backward() ran at step {step} while the parameters still held gradients (up to {show(held)}) from the "
            "step before: gradients pile up, each step adding all the ones before it, and the steps overshoot. "
            "Zero them, model.zero_grad(), before loss.backward()")


def test_the_loss_never_grows_past_its_start():
    for seed in SEEDS:
        _, losses = trained(seed)
        top = max(losses)
        assert all(math.isfinite(loss) for loss in losses) and top <= losses[0] * (1 + 1e-9), (
            f"The model of seed {seed}: {how_it_went(losses)}")


def test_the_loss_falls_below_0_05():
    for seed in SEEDS:
        _, losses = trained(seed)
        assert losses[-1] < LEVEL, (
            f"The model of seed {seed} ends at a loss of {show(losses[-1])}, not below {show(LEVEL)}: "
            f"{how_it_went(losses)}")


def test_the_model_fits_the_targets():
    for seed in SEEDS:
        model, losses = trained(seed)
        preds = [model(x).data for x in XS]
        why = ("its losses end below 0.05, yet model(x) itself is off: the loss train minimises is not of the "
               "model's own output (a tanh or a relu on the output?)") if losses[-1] < LEVEL else how_it_went(losses)
        assert all(abs(p - y) < 0.5 for p, y in zip(preds, YS)), (
            f"The model of seed {seed}, trained, predicts {show(preds)} for the targets {show(YS)}: {why}")
