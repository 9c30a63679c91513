def mse(preds, targets):
    """The mean of the squared differences between predictions and targets."""
    return sum((p - t) ** 2 for p, t in zip(preds, targets)) / len(preds)


def sgd_step(params, lr):
    """Move every parameter a step of size lr against its gradient."""
    for p in params:
        p.data -= lr * p.grad


def train(model, xs, ys, steps, lr):
    """Full-batch gradient descent; the loss before each step, as floats."""
    losses = []
    for _ in range(steps):
        preds = [model(x) for x in xs]
        loss = mse(preds, ys)
        loss.backward()
        sgd_step(model.parameters(), lr)
        losses.append(loss.data)
    return losses
