"""CAST iteration throughput as a fraction of the float32 matmul peak, same shapes, same run.

One CAST iteration of the MNIST model (794 visible incl. labels, 600 hidden, N = 100) does
matrix products worth 9 · 2·N·794·600 flops (data, slow and fast chains up, both chains down,
both chains up again, one gradient product). The reference is a plain float32 product
(3N × 794) @ (794 × 600), the largest one of the iteration.
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_time  # noqa: E402

from lifsampling.cast import CastSchedule, train_cast  # noqa: E402

N_V, N_H, N = 794, 600, 100
ITERATIONS = 200
FLOPS_PER_ITERATION = 9 * 2 * N * N_V * N_H


def main() -> None:
    rng = np.random.default_rng(0)
    data = (rng.random((5000, N_V)) < 0.2).astype(np.float32)
    a = rng.random((3 * N, N_V), dtype=np.float32)
    b = rng.random((N_V, N_H), dtype=np.float32)
    matmul = best_time(lambda: a @ b, repeats=50)
    peak = 2 * 3 * N * N_V * N_H / matmul
    schedule = CastSchedule(n_hidden=N_H, n_iterations=ITERATIONS, batch_size=N, eta_a=40.0,
                            eta_b=2000.0, betas=tuple(np.linspace(0.9, 1.0, 20)))
    cast = best_time(lambda: train_cast(data, 10, schedule, np.random.default_rng(1),
                                        progress=False), repeats=3)
    per_iteration = cast / ITERATIONS
    achieved = FLOPS_PER_ITERATION / per_iteration
    print(f"matmul peak ({3 * N}x{N_V} @ {N_V}x{N_H}, float32): {peak / 1e9:.1f} GFLOP/s")
    print(f"CAST iteration: {per_iteration * 1e3:.2f} ms, {achieved / 1e9:.1f} GFLOP/s")
    print(f"paper MNIST training (200,000 iterations): {200_000 * per_iteration / 60:.1f} min")
    print(f"cast_throughput: {achieved / peak:.2f} of matmul peak (target >= 0.40)")


if __name__ == "__main__":
    main()
