import random

from engine import Value  # the engine you built: read it in "Provided files"


class Module:
    """What every part of a network has: its parameters, and a way to zero their gradients."""

    def zero_grad(self):
        """Set every parameter's grad to 0."""
        pass  # TODO

    def parameters(self):
        return []


class Neuron(Module):

    def __init__(self, nin, nonlin=True):
        """nin weights drawn from random.uniform(-1, 1), a bias of 0, and whether to apply relu."""
        pass  # TODO

    def __call__(self, x):
        """w . x + b for a list x of nin inputs (numbers or Values), through relu when nonlin."""
        pass  # TODO

    def parameters(self):
        """The weights, then the bias."""
        pass  # TODO


class Layer(Module):

    def __init__(self, nin, nout, **kwargs):
        """nout neurons, each with nin inputs; kwargs (such as nonlin) go to every Neuron."""
        pass  # TODO

    def __call__(self, x):
        """Each neuron's output: a list, or a single Value when the layer has one neuron."""
        pass  # TODO

    def parameters(self):
        pass  # TODO


class MLP(Module):

    def __init__(self, nin, nouts):
        """Layers of sizes nouts, the first taking nin inputs; every layer but the last uses relu."""
        pass  # TODO

    def __call__(self, x):
        pass  # TODO

    def parameters(self):
        pass  # TODO
