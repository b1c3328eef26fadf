"""ISL of 2000 test images against 10^5 generated samples (784 pixels) as a fraction of the
float32 matmul peak of the same shapes, measured in the same run.

The ISL needs the agreement counts of all 2000 x 10^5 pairs: 2 · 2000 · 10^5 · 784 flops of
matrix product. The reference is the plain float32 product (2000 x 784) @ (784 x 10^4) repeated
over the ten chunks of samples, i.e. the matmul part alone.
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_time  # noqa: E402

from lifsampling.isl import log_likelihood  # noqa: E402

N_TEST, N_SAMPLES, D, CHUNK = 2000, 100_000, 784, 10_000


def main() -> None:
    rng = np.random.default_rng(0)
    test = (rng.random((N_TEST, D)) < 0.13).astype(np.uint8)
    samples = (rng.random((N_SAMPLES, D)) < 0.13).astype(np.uint8)
    y = rng.random((N_TEST, D), dtype=np.float32)
    x = rng.random((CHUNK, D), dtype=np.float32)
    chunk_matmul = best_time(lambda: y @ x.T, repeats=5)
    flops = 2 * N_TEST * N_SAMPLES * D
    peak = 2 * N_TEST * CHUNK * D / chunk_matmul
    isl = best_time(lambda: log_likelihood(test, samples), repeats=2)
    print(f"matmul peak (2000x784 @ 784x10000, float32): {peak / 1e9:.1f} GFLOP/s")
    print(f"ISL 2000 x 1e5 x 784: {isl:.2f} s, {flops / isl / 1e9:.1f} GFLOP/s")
    print(f"isl_throughput: {flops / isl / peak:.2f} of matmul peak (target >= 0.80)")


if __name__ == "__main__":
    main()
