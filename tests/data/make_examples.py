"""The example user entries of docs/your_own_data.yaml, as they were made (run once; the files
and their SHA-256 are committed):

* example_stripes.npz: the 10 patterns of a 5x5 grid with one full row (label 0) or one full
  column (label 1) on;
* example_bm.npz: a 6-unit BM of two groups of three units, excitatory within a group
  (W = +1.5), inhibitory between (W = -1.0), biases -1.5: two modes, as a sampler must find.
"""
import hashlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent


def stripes(side: int = 5) -> tuple[np.ndarray, np.ndarray]:
    rows = [np.zeros((side, side), np.uint8) for _ in range(side)]
    for i, image in enumerate(rows):
        image[i, :] = 1
    columns = [image.T.copy() for image in rows]
    patterns = np.stack(rows + columns).reshape(2 * side, -1)
    return patterns, np.repeat([0, 1], side)


def two_group_bm() -> tuple[np.ndarray, np.ndarray]:
    group = np.repeat([0, 1], 3)
    W = np.where(group[:, None] == group[None, :], 1.5, -1.0)
    np.fill_diagonal(W, 0.0)
    return W, np.full(6, -1.5)


if __name__ == "__main__":
    patterns, labels = stripes()
    np.savez(HERE / "example_stripes.npz", patterns=patterns, labels=labels)
    W, b = two_group_bm()
    np.savez(HERE / "example_bm.npz", W=W, b=b)
    for name in ("example_stripes.npz", "example_bm.npz"):
        print(name, hashlib.sha256((HERE / name).read_bytes()).hexdigest())
