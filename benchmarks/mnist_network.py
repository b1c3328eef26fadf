"""The MNIST-sized spiking network as a classifier, with clamps and the sample read-out:
the library (PyNN front end + native NEST models + `network.Clamp` + `states`/`modes`
read-out) vs a plain NEST script doing the same, in the same run.

Network of `_raw_nest.mnist_sized_network`; N_IMAGES random binary images shown for
IMAGE_MS each after BURN_IN_MS, every pixel neuron clamped by a step current (±30 mV of
membrane shift, L18 Fig 3 classification), samples read every tau_ref from the visible
spikes and the label mode of each image from its read-out window. Interleaved, best of three.
"""
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from _raw_nest import N_PIXELS, mnist_sized_network, raw_network  # noqa: E402
from _timing import interleaved_best  # noqa: E402

from lifsampling import modes, spiking, states  # noqa: E402
from lifsampling.config import REPO_ROOT, load_config  # noqa: E402
from lifsampling.network import Clamp  # noqa: E402

N_IMAGES, IMAGE_MS, SETTLE_MS, BURN_IN_MS, CLAMP_MV = 30, 200.0, 50.0, 100.0, 30.0


def _images() -> np.ndarray:
    return np.random.default_rng(1).random((N_IMAGES, N_PIXELS)) < 0.13


def _clamp_currents(neuron) -> tuple[np.ndarray, np.ndarray]:
    """Step times (ms) and currents (nA, times x pixels): ± the shift, then off."""
    amplitude = CLAMP_MV * neuron["cm"] / neuron["tau_m"]
    starts = BURN_IN_MS + IMAGE_MS * np.arange(N_IMAGES)
    currents = np.vstack([np.where(_images(), amplitude, -amplitude), np.zeros(N_PIXELS)])
    return np.append(starts, starts[-1] + IMAGE_MS), currents


def run_library(rbm, spec, cfg) -> float:
    start = time.perf_counter()
    times, currents = _clamp_currents(spec.neuron)
    clamp = Clamp(np.arange(N_PIXELS), times, currents)
    trains = spiking.simulate_network(spec, times[-1], cfg["nest"], seed=1, clamps=[clamp])
    tau = spec.neuron["tau_refrac"]
    z = states.sample_states(trains[:rbm.n_visible], tau, np.arange(tau, times[-1], tau))
    modes.label_modes(z[:, N_PIXELS:], window=int((IMAGE_MS - SETTLE_MS) // tau))
    return time.perf_counter() - start


def run_raw_nest(rbm, spec, cfg) -> float:
    import nest

    start = time.perf_counter()
    times, currents = _clamp_currents(spec.neuron)
    neurons, recorder = raw_network(spec, cfg["nest"], seed=1)
    generators = nest.Create("step_current_generator", N_PIXELS, params=[
        {"amplitude_times": times, "amplitude_values": currents[:, j] * 1000}
        for j in range(N_PIXELS)])
    nest.Connect(generators, neurons[:N_PIXELS], "one_to_one")
    nest.Simulate(times[-1])
    events = recorder.get("events")
    unit = np.asarray(events["senders"]) - neurons[0].global_id
    t = np.asarray(events["times"])
    tau = spec.neuron["tau_refrac"]
    # a spike at t puts its unit on for the one sample time in [t, t + tau)
    samples = np.zeros((int(times[-1] // tau), rbm.n_visible), np.uint8)
    visible = unit < rbm.n_visible
    samples[(np.ceil(t[visible] / tau) - 1).astype(int), unit[visible]] = 1
    label = (unit >= N_PIXELS) & (unit < rbm.n_visible)
    image = np.floor((t[label] - BURN_IN_MS) / IMAGE_MS).astype(int)
    in_window = (t[label] - BURN_IN_MS - IMAGE_MS * image >= SETTLE_MS) & (image >= 0)
    counts = np.zeros((N_IMAGES, rbm.n_labels), int)
    np.add.at(counts, (image[in_window], unit[label][in_window] - N_PIXELS), 1)
    counts.argmax(axis=1)
    return time.perf_counter() - start


def main() -> None:
    cfg = load_config(REPO_ROOT / "config.yaml")
    rbm, spec = mnist_sized_network(cfg)
    raw, library = interleaved_best(lambda: run_raw_nest(rbm, spec, cfg),
                                    lambda: run_library(rbm, spec, cfg))
    print(f"network: {len(spec.sweep_values)} neurons, {np.count_nonzero(spec.weights)} "
          f"tsodyks2 synapses, {N_PIXELS} clamped pixels, {N_IMAGES} images x {IMAGE_MS:.0f} "
          f"ms, {cfg['nest']['virtual_processes']} VP")
    print(f"raw NEST: {raw:.2f} s; library (PyNN + native NEST + clamps + read-out): "
          f"{library:.2f} s")
    print(f"mnist_network: {library / raw:.2f} x raw NEST time (target <= 1.15)")


if __name__ == "__main__":
    main()
