"""Two interleaving half circles, drawn the way scikit-learn's make_moons draws them, in plain Python."""

import math
import random


def make_moons(n=100, noise=0.1, seed=0):
    """n points [x1, x2] and their labels, -1 (the upper moon) or 1 (the lower one), shuffled.

    As in scikit-learn, the points are evenly spaced along each moon, then shuffled, then moved by Gaussian
    noise of standard deviation noise. The labels are micrograd's demo's `y*2 - 1` of scikit-learn's 0 and 1.
    The same seed always gives the same points (not scikit-learn's: its random numbers come from NumPy).
    """
    rng = random.Random(seed)
    upper, lower = n // 2, n - n // 2
    points = [([math.cos(t), math.sin(t)], -1) for t in spaced(upper)]
    points += [([1 - math.cos(t), 0.5 - math.sin(t)], 1) for t in spaced(lower)]
    rng.shuffle(points)
    X = [[x1 + rng.gauss(0, noise), x2 + rng.gauss(0, noise)] for (x1, x2), _ in points]
    return X, [label for _, label in points]


def spaced(k):
    """k angles from 0 to pi, evenly spaced (numpy's linspace(0, pi, k))."""
    return [math.pi * i / (k - 1) if k > 1 else 0.0 for i in range(k)]
