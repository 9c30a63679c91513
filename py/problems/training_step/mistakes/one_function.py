def mse(preds, targets):
    total = 0
    for p, t in zip(preds, targets):
        diff = p - t
        total = total + diff * diff
    return total * (1.0 / len(preds))


def sgd_step(params, lr):
    for p in params:
        p.data = p.data - lr * p.grad


def train(model, xs, ys, steps, lr):
    history = []
    for step in range(steps):
        for p in model.parameters():
            p.grad = 0.0
        loss = mse([model(x) for x in xs], ys)
        loss.backward()
        sgd_step(model.parameters(), lr)
        history.append(float(loss.data))
    return history
