from engine import Value  # noqa: F401  (provided: see "Provided files")
from nn import MLP  # noqa: F401  (Run code can build a model with it)


def mse(preds, targets):
    """The mean of (pred - target) ** 2 over the examples, as a Value."""
    pass  # TODO


def sgd_step(params, lr):
    """Move every parameter's data a step of size lr against its gradient."""
    pass  # TODO


def train(model, xs, ys, steps, lr):
    """steps rounds of: predict every x, take the mse against ys, backpropagate, step.
    Return the loss of each round, as floats."""
    pass  # TODO
