"""Three blobs of points in the plane, one per class: the data of the three-class problem."""

import random

CENTRES = [(0.0, 2.0), (-1.7, -1.0), (1.7, -1.0)]  # class 0 above, 1 to the lower left, 2 to the lower right


def make_blobs(n=90, seed=0, spread=0.6):
    """n points [x1, x2] and their classes (0, 1 or 2), a third of them each, in a shuffled order; the same n and
    seed give the same points."""
    rng = random.Random(seed)
    examples = []
    for i in range(n):
        cx, cy = CENTRES[i % 3]
        examples.append(([cx + rng.gauss(0, spread), cy + rng.gauss(0, spread)], i % 3))
    rng.shuffle(examples)
    return [point for point, _ in examples], [label for _, label in examples]
