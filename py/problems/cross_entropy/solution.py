from nn import MLP


def softmax(logits):
    """The probabilities of the classes: exp(l) / sum(exp), with the largest logit's data taken from each first (it
    cancels, and keeps exp from overflowing)."""
    top = max(logit.data for logit in logits)
    exps = [(logit - top).exp() for logit in logits]
    total = sum(exps)
    return [e / total for e in exps]


def cross_entropy(logits, target):
    """-log softmax(logits)[target], as log-sum-exp minus the target's logit: finite for any logits."""
    top = max(logit.data for logit in logits)
    log_sum_exp = sum((logit - top).exp() for logit in logits).log() + top
    return log_sum_exp - logits[target]


def train(X, y):
    """A linear classifier of three classes (micrograd's MLP with one layer of 3 outputs, the logits), trained by
    gradient descent on the mean cross-entropy."""
    model = MLP(2, [3])
    steps = 60
    for step in range(steps):
        loss = sum(cross_entropy(model(x), label) for x, label in zip(X, y)) / len(X)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.5 * p.grad
        plot_loss(step + 1, loss.data, steps)
        plot_boundary(lambda x: [logit.data for logit in model(x)], X, y)  # the class with the largest logit
    return model


def predict(model, x):
    """The class whose logit is largest: 0, 1 or 2."""
    logits = model(x)
    return max(range(len(logits)), key=lambda k: logits[k].data)
