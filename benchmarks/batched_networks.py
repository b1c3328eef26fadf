"""Blocks of small networks in one NEST kernel: CPU seconds per network-second of P16 Fig 3's
K = 5 COBA network, one network per kernel against a block of `networks_per_job` (config,
paper scale) side by side, both through the study's own job function
(`experiments.sampling.simulate_block`), in the same run.

A tiny network's NEST run costs mostly the per-step overhead of the kernel, not its spikes:
a block pays that overhead once for all its networks.

    python benchmarks/batched_networks.py
"""
import time

from lifsampling.calibration import measured_calibration
from lifsampling.config import REPO_ROOT, load_config
from lifsampling.experiments import sampling

SIM_MS, REPEATS = 20_000.0, 3


def block_job(cfg, n_networks: int, seed: int):
    job = sampling.sampling_block_slice(cfg, "p16_fig3", "trial", 0)
    return {**job, "runs": list(range(n_networks)), "duration_ms": SIM_MS,
            "seeds": {"bm": [job["seeds"]["bm"][0]] * n_networks, "background": seed}}


def cpu_per_network_second(cfg, n_networks: int, seed: int) -> float:
    """CPU seconds of one block job (build, simulation, spike storage) per network and per
    second of biological time."""
    calibration = measured_calibration("p16_coba")
    job = block_job(cfg, n_networks, seed)
    start = time.process_time()
    sampling.simulate_block(job, calibration)
    simulated_s = (job["burn_in_ms"] + SIM_MS) / 1000.0
    return (time.process_time() - start) / (n_networks * simulated_s)


def main() -> None:
    cfg = load_config(REPO_ROOT / "config.yaml", overrides={"scale": "paper"})
    block = cfg["experiments"]["sampling"]["p16_fig3"]["networks_per_job"]
    alone, together = [], []
    for repeat in range(REPEATS):  # interleaved, best of REPEATS
        alone.append(cpu_per_network_second(cfg, 1, seed=1 + repeat))
        together.append(cpu_per_network_second(cfg, block, seed=1 + repeat))
    a, t = min(alone), min(together)
    print(f"K = 5 COBA, {SIM_MS / 1000:.0f} s per network: one per kernel {a:.3f} CPU-s per "
          f"network-second, {block} per kernel {t:.3f}")
    print(f"batched_networks: {a / t:.1f} x cheaper per network (target >= 5)")


if __name__ == "__main__":
    main()
