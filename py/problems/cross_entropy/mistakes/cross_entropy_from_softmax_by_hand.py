import random

from engine import Value
from nn import MLP


def softmax(logits):
    biggest = max(logits, key=lambda v: v.data)
    exps = [(v - biggest.data).exp() for v in logits]
    total = Value(0.0)
    for e in exps:
        total = total + e
    return [e / total for e in exps]


def cross_entropy(logits, target):
    biggest = max(v.data for v in logits)
    total = Value(0.0)
    for v in logits:
        total = total + (v - biggest).exp()
    return total.log() - (logits[target] - biggest)


def train(X, y):
    model = MLP(2, [3])
    order = list(range(len(X)))
    for step in range(30):
        random.shuffle(order)
        for start in range(0, len(order), 30):  # minibatches of 30
            batch = order[start:start + 30]
            loss = sum(cross_entropy(model(X[i]), y[i]) for i in batch) / len(batch)
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= 0.3 * p.grad
        plot_loss(step, loss.data, 30)
    return model


def predict(model, x):
    logits = model(x)
    best = 0
    for k in range(1, len(logits)):
        if logits[k].data > logits[best].data:
            best = k
    return best
