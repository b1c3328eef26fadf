"""Shared timing helper of the benchmark scripts."""
import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], repeats: int = 5) -> float:
    """Best wall time of `repeats` calls (s): the least disturbed measurement."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def interleaved_best(reference: Callable[[], float], candidate: Callable[[], float],
                     repeats: int = 3) -> tuple[float, float]:
    """Best of `repeats` self-timed runs (each returns its seconds) of a reference and a
    candidate, alternated so that a change of machine load hits both alike."""
    ref, cand = [], []
    for _ in range(repeats):
        ref.append(reference())
        cand.append(candidate())
    return min(ref), min(cand)
