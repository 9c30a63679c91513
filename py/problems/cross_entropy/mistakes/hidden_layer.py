import math

from micrograd.nn import MLP


def softmax(logits):
    m = max(v.data for v in logits)
    shifted = [(v - m).exp() for v in logits]
    z = sum(shifted[1:], shifted[0])
    return [s * z ** -1 for s in shifted]


def cross_entropy(logits, target):
    m = max(v.data for v in logits)
    return (sum([(v - m).exp() for v in logits]).log() + m) - logits[target]


def train(X, y, epochs=40, lr=0.2):
    model = MLP(2, [8, 3])
    for epoch in range(epochs):
        losses = [cross_entropy(model(x), t) for x, t in zip(X, y)]
        loss = sum(losses) * (1 / len(losses))
        for p in model.parameters():
            p.grad = 0
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
        if math.isfinite(loss.data):
            plot_loss(epoch + 1, loss.data, total=epochs)
    plot_boundary(lambda x: model(x), X, y)
    return model


def predict(model, x):
    scores = [s.data for s in model(x)]
    return scores.index(max(scores))
