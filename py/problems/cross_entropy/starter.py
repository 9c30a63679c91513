from nn import MLP  # noqa: F401  (MLP(2, [3]): a layer of three logits, one per class)


def softmax(logits):
    """The probabilities of the classes, as Values: exp(l) / the sum of exp over all logits. Take the largest
    logit's data from each logit first, so that exp never overflows."""
    pass  # TODO


def cross_entropy(logits, target):
    """-log softmax(logits)[target], as a Value, computed as log-sum-exp minus logits[target]: finite for logits of
    +-1000."""
    pass  # TODO


def train(X, y):
    """A model trained on the points X (each [x1, x2]) with classes y (0, 1 or 2): the mean cross-entropy,
    zero_grad, backward, a step. plot_loss(step + 1, loss.data, steps) and
    plot_boundary(lambda x: [logit.data for logit in model(x)], X, y) draw it on the page."""
    pass  # TODO


def predict(model, x):
    """The class model gives x: the index of its largest logit."""
    pass  # TODO
