from nn import MLP


def train(X, y):
    model = MLP(2, [16, 1])
    order = list(range(len(X)))
    steps = 300
    for step in range(steps):
        batch = [order[(step * 10 + j) % len(order)] for j in range(10)]
        loss = sum((model(X[i]).tanh() - y[i]) ** 2 for i in batch) * 0.1
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= 0.5 * p.grad
    return model


def predict(model, x):
    return 1 if model(x).data >= 0 else -1
