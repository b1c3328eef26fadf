"""Network builder (PyNN front end + native NEST models) vs a raw-NEST script, same network.

MNIST-sized RBM as a CUBA LIF network: 784 + 10 visible, 600 hidden neurons, 952,800
tsodyks2 synapses (U0 = 0.01, tau_rec = 280 ms), Poisson background (400 Hz exc./inh.).
Each side builds the network in a fresh kernel and simulates 1 s of biological time; best of
three. The headline is builder time / raw-NEST time.
"""
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from _raw_nest import mnist_sized_network, raw_network  # noqa: E402
from _timing import interleaved_best  # noqa: E402

from lifsampling import spiking  # noqa: E402
from lifsampling.config import REPO_ROOT, load_config  # noqa: E402

DURATION = 1000.0


def run_builder(spec, cfg) -> float:
    start = time.perf_counter()
    spiking.simulate_network(spec, DURATION, cfg["nest"], seed=1)
    return time.perf_counter() - start


def run_raw_nest(spec, cfg) -> float:
    import nest

    start = time.perf_counter()
    _, recorder = raw_network(spec, cfg["nest"], seed=1)
    nest.Simulate(DURATION)
    recorder.get("events")
    return time.perf_counter() - start


def main() -> None:
    cfg = load_config(REPO_ROOT / "config.yaml")
    _, spec = mnist_sized_network(cfg)
    raw, builder = interleaved_best(lambda: run_raw_nest(spec, cfg),
                                    lambda: run_builder(spec, cfg))
    print(f"network: {len(spec.sweep_values)} neurons, {np.count_nonzero(spec.weights)} "
          f"tsodyks2 synapses, {DURATION:.0f} ms, {cfg['nest']['virtual_processes']} VP")
    print(f"raw NEST: {raw:.2f} s; builder (PyNN + native NEST): {builder:.2f} s")
    print(f"nest_builder: {builder / raw:.2f} x raw NEST time (target <= 1.15)")


if __name__ == "__main__":
    main()
