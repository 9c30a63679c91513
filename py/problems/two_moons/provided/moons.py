"""Two interleaving half circles, as scikit-learn's make_moons draws them, in plain Python."""

import math
import random


def make_moons(n=100, noise=0.1, seed=0):
    """n points [x1, x2] and their labels, 1 (the upper moon) or -1 (the lower one), shuffled.

    Each point lies on its moon at a random angle, moved by Gaussian noise of standard deviation noise.
    The same seed always gives the same points.
    """
    rng = random.Random(seed)
    points = []
    for i in range(n):
        t = rng.uniform(0, math.pi)
        if i % 2 == 0:
            x1, x2, label = math.cos(t), math.sin(t), 1
        else:
            x1, x2, label = 1 - math.cos(t), 0.5 - math.sin(t), -1
        points.append(([x1 + rng.gauss(0, noise), x2 + rng.gauss(0, noise)], label))
    rng.shuffle(points)
    return [p for p, _ in points], [label for _, label in points]
