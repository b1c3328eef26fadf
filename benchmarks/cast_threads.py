"""CAST training with two BLAS threads: wall-time speed-up and CPU efficiency (speed-up /
threads) against one thread, in the same run, on the MNIST model's shapes (794 visible incl.
labels, 600 hidden, N = 100, L18 Fig 3). Interleaved, best of three; CPU time counts every
thread of the process. Also checks that a fixed thread count repeats its numbers bit for bit
(why `training.blas_threads` is fixed in config, not taken from --cores).

    python benchmarks/cast_threads.py
"""
import time

import numpy as np
from threadpoolctl import threadpool_limits

from lifsampling.cast import CastSchedule, train_cast

N_V, N_H, N, ITERATIONS, REPEATS, THREADS = 794, 600, 100, 400, 3, (1, 2)


def timed_training(data: np.ndarray, threads: int) -> tuple[float, float, np.ndarray]:
    """Wall and CPU seconds of ITERATIONS CAST iterations with `threads` BLAS threads."""
    schedule = CastSchedule(n_hidden=N_H, n_iterations=ITERATIONS, batch_size=N, eta_a=40.0,
                            eta_b=2000.0, betas=tuple(np.linspace(0.9, 1.0, 20)))
    with threadpool_limits(threads, user_api="blas"):
        wall, cpu = time.perf_counter(), time.process_time()
        rbm, _ = train_cast(data, 10, schedule, np.random.default_rng(1), progress=False)
        return time.perf_counter() - wall, time.process_time() - cpu, rbm.W


def main() -> None:
    data = (np.random.default_rng(0).random((5000, N_V)) < 0.2).astype(np.float32)
    runs: dict[int, list] = {n: [] for n in THREADS}
    for _ in range(REPEATS):
        for n in THREADS:
            runs[n].append(timed_training(data, n))
    wall = {n: min(r[0] for r in runs[n]) for n in THREADS}
    cpu = {n: min(r[1] for r in runs[n]) for n in THREADS}
    for n in THREADS:
        repeatable = all(np.array_equal(runs[n][0][2], r[2]) for r in runs[n][1:])
        print(f"{n} BLAS thread(s): {wall[n]:.2f} s wall, {cpu[n]:.2f} s CPU for {ITERATIONS} "
              f"iterations; paper MNIST (200,000 it.) {200_000 * wall[n] / ITERATIONS / 60:.0f} "
              f"min; same W on every repeat: {repeatable}")
    differ = np.abs(runs[1][0][2] - runs[2][0][2]).max()
    speed_up = wall[1] / wall[2]
    print(f"max |W(1 thread) - W(2 threads)| after {ITERATIONS} iterations: {differ:.1e}")
    print(f"CPU efficiency: {speed_up / 2:.2f} (CPU-h per training x {cpu[2] / cpu[1]:.2f})")
    print(f"cast_threads: {speed_up:.2f} x wall speed-up with 2 BLAS threads, MNIST CAST "
          f"(target >= 1.3)")


if __name__ == "__main__":
    main()
