import random

from engine import Value


class Module:
    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        return []


class Neuron(Module):
    def __init__(self, nin, nonlin=True):
        self.weights = []
        for _ in range(nin):
            self.weights.append(Value(random.uniform(-1, 1)))
        self.bias = Value(0.0)
        self.nonlin = nonlin

    def __call__(self, x):
        total = self.bias
        for w, xi in zip(self.weights, x):
            total = total + w * xi
        if self.nonlin:
            return total.relu()
        return total

    def parameters(self):
        return list(self.weights) + [self.bias]


class Layer(Module):
    def __init__(self, nin, nout, **kwargs):
        self.neurons = []
        for _ in range(nout):
            self.neurons.append(Neuron(nin, **kwargs))

    def __call__(self, x):
        outs = []
        for n in self.neurons:
            outs.append(n(x))
        if len(outs) == 1:
            return outs[0]
        return outs

    def parameters(self):
        found = []
        for n in self.neurons:
            found.extend(n.parameters())
        return found


class MLP(Module):
    def __init__(self, nin, nouts):
        self.layers = []
        sizes = [nin] + list(nouts)
        for i in range(len(nouts)):
            last = i == len(nouts) - 1
            self.layers.append(Layer(sizes[i], sizes[i + 1], nonlin=not last))

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        found = []
        for layer in self.layers:
            found.extend(layer.parameters())
        return found
