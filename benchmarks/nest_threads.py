"""NEST with two virtual processes on the study's large networks: wall-time speed-up and
CPU efficiency (speed-up / VPs) against one VP, in the same run.

Networks: the MNIST-sized network of `_raw_nest.mnist_sized_network` (1394 CUBA neurons,
tsodyks2 synapses) and P16 Fig 4's K = 500 COBA network (background translation, scale 1.2),
each built by the library (`spiking.simulate_network`) and simulated SIM_MS of biological
time. Interleaved, best of three; CPU time counts every thread of the process.

    python benchmarks/nest_threads.py
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _raw_nest import mnist_sized_network  # noqa: E402

from lifsampling import spiking  # noqa: E402
from lifsampling.calibration import measured_calibration  # noqa: E402
from lifsampling.config import REPO_ROOT, load_config, resolve_scale  # noqa: E402
from lifsampling.experiments import p16_fig4  # noqa: E402
from lifsampling.experiments.p16_fig4 import translated_network  # noqa: E402

SIM_MS, REPEATS, VPS = 5000.0, 3, (1, 2)


def _k500_spec(cfg):
    job = p16_fig4.p16_fig4_run_slice(cfg, "coba_background", "1.2", 0)
    calibration = measured_calibration("p16_coba")
    return translated_network(job, calibration, None)[0]


def timed_run(spec, nest_cfg, vps: int) -> tuple[float, float]:
    """Wall and CPU seconds of one build + simulation with `vps` virtual processes."""
    wall, cpu = time.perf_counter(), time.process_time()
    spiking.simulate_network(spec, SIM_MS, {**nest_cfg, "virtual_processes": vps}, seed=1)
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(spec, nest_cfg) -> dict[int, tuple[float, float]]:
    """Best (wall, CPU) per VP count over REPEATS interleaved rounds."""
    runs = {vps: [] for vps in VPS}
    for _ in range(REPEATS):
        for vps in VPS:
            runs[vps].append(timed_run(spec, nest_cfg, vps))
    return {vps: min(r) for vps, r in runs.items()}


def main() -> None:
    cfg = resolve_scale(load_config(REPO_ROOT / "config.yaml"))
    speedups = {}
    for name, spec in (("mnist", mnist_sized_network(cfg)[1]), ("k500", _k500_spec(cfg))):
        best = measure(spec, cfg["nest"])
        (w1, c1), (w2, c2) = best[1], best[2]
        speedups[name] = w1 / w2
        print(f"{name}: {len(spec.sweep_values)} neurons, {SIM_MS:.0f} ms; 1 VP {w1:.1f} s wall "
              f"{c1:.1f} s CPU; 2 VPs {w2:.1f} s wall {c2:.1f} s CPU; speed-up "
              f"{w1 / w2:.2f}x, CPU efficiency {w1 / w2 / 2:.2f}")
    print(f"nest_threads: {speedups['mnist']:.2f} x wall speed-up with 2 VPs, MNIST network "
          f"(target >= 1.5)")


if __name__ == "__main__":
    main()
