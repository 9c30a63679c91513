from micrograd.nn import MLP  # noqa: F401


def train(model, xs, ys, steps):
    lr = 0.02
    losses = []
    for k in range(steps):
        loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys)) / len(ys)
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        model.zero_grad()
        losses.append(loss.data)
    return losses
