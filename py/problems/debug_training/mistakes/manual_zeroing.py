def train(model, xs, ys, steps, learning_rate=0.1):
    params = model.parameters()
    history = []
    for _ in range(steps):
        for p in params:
            p.grad = 0.0
        errors = [(model(x) - y) ** 2 for x, y in zip(xs, ys)]
        loss = sum(errors) * (1.0 / len(errors))
        loss.backward()
        for p in params:
            p.data += -learning_rate * p.grad
        history.append(loss.data)
        plot_loss(len(history), loss.data, steps)
    return history
