from nn import MLP  # noqa: F401  (the tests make the model: MLP(3, [4, 4, 1]))


def train(model, xs, ys, steps):
    """Fit model to the targets ys by gradient descent on the mean squared error. This loop runs, and does not
    learn: three bugs. Returns the losses, one per step, each before that step's update."""
    losses = []
    for step in range(steps):
        preds = [model(x).relu() for x in xs]
        loss = sum((pred - y) ** 2 for pred, y in zip(preds, ys)) / len(ys)
        loss.backward()
        for p in model.parameters():
            p.data -= 0.5 * p.grad
        losses.append(loss.data)
        plot_loss(step + 1, loss.data, steps)  # the page draws the curve as it trains
    return losses
