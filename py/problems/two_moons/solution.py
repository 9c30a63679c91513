import random

from nn import MLP


def train(X, y):
    """An MLP trained on points X with labels y (1 or -1): hinge loss plus L2, as micrograd's demo, on minibatches."""
    model = MLP(2, [16, 1])
    steps, batch_size, alpha = 300, 10, 1e-4
    for k in range(steps):
        batch = random.sample(range(len(X)), batch_size)
        scores = [model(X[i]) for i in batch]
        data_loss = sum((1 - y[i] * score).relu() for i, score in zip(batch, scores)) / batch_size
        reg_loss = alpha * sum(p * p for p in model.parameters())
        loss = data_loss + reg_loss
        model.zero_grad()
        loss.backward()
        lr = 1.0 - 0.9 * k / steps
        for p in model.parameters():
            p.data -= lr * p.grad
        plot_loss(k + 1, loss.data, total=steps)  # the page draws the curve
        plot_boundary(lambda x: model(x).data, X, y)  # the page redraws it now and then, and at the end
    return model


def predict(model, x):
    return 1 if model(x).data > 0 else -1
