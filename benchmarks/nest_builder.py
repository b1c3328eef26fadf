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

from lifsampling import (
    network,  # noqa: E402
    spiking,  # noqa: E402
)
from lifsampling.config import REPO_ROOT, load_config  # noqa: E402
from lifsampling.rbm import RBM  # noqa: E402

N_VIS, N_HID, DURATION = 794, 600, 1000.0


def _spec(cfg) -> network.NetworkSpec:
    rng = np.random.default_rng(0)
    rbm = RBM(rng.normal(0, 0.05, (N_VIS, N_HID)), rng.normal(-1, 0.5, N_VIS),
              rng.normal(-1, 0.5, N_HID), 10)
    W, b = rbm.to_bm()
    return network.bm_network(W, b, cfg["neurons"]["l18_cuba"], cfg["noise"]["l18_cuba"],
                              2.09, -51.84, network.STPSet.from_config(cfg["stp"]["modulated"]))


def run_builder(spec, cfg) -> float:
    start = time.perf_counter()
    spiking.simulate_network(spec, DURATION, cfg["nest"], seed=1)
    return time.perf_counter() - start


def run_raw_nest(spec, cfg) -> float:
    import nest

    start = time.perf_counter()
    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": cfg["nest"]["resolution_ms"],
                          "local_num_threads": cfg["nest"]["virtual_processes"], "rng_seed": 1})
    p = spec.neuron
    neurons = nest.Create("iaf_psc_exp", len(spec.sweep_values), params={
        "C_m": p["cm"] * 1000, "tau_m": p["tau_m"], "t_ref": p["tau_refrac"],
        "tau_syn_ex": p["tau_syn_E"], "tau_syn_in": p["tau_syn_I"], "V_th": p["v_thresh"],
        "V_reset": p["v_reset"], "E_L": spec.sweep_values, "V_m": p["v_reset"]})
    for rate, weight in ((spec.noise["rate_exc_hz"], spec.noise["weight_exc_nA"] * 1000),
                         (spec.noise["rate_inh_hz"], -spec.noise["weight_inh_nA"] * 1000)):
        generator = nest.Create("poisson_generator", params={"rate": rate})
        nest.Connect(generator, neurons, syn_spec={"weight": weight, "delay": 0.1})
    post, pre = np.nonzero(spec.weights)
    ids = np.asarray(neurons.tolist())
    nest.Connect(ids[pre], ids[post], "one_to_one", {
        "synapse_model": "tsodyks2_synapse", "weight": spec.weights[post, pre] * 1000 / 0.01,
        "delay": np.full(post.size, 0.1), "U": 0.01, "u": 0.01, "x": 1.0, "tau_rec": 280.0,
        "tau_fac": 0.0})
    recorder = nest.Create("spike_recorder")
    nest.Connect(neurons, recorder)
    nest.Simulate(DURATION)
    recorder.get("events")
    return time.perf_counter() - start


def main() -> None:
    cfg = load_config(REPO_ROOT / "config.yaml")
    spec = _spec(cfg)
    raw, builder = [], []
    for _ in range(3):  # interleaved, so that a change of machine load hits both alike
        raw.append(run_raw_nest(spec, cfg))
        builder.append(run_builder(spec, cfg))
    raw, builder = min(raw), min(builder)
    print(f"network: {len(spec.sweep_values)} neurons, {np.count_nonzero(spec.weights)} "
          f"tsodyks2 synapses, {DURATION:.0f} ms, {cfg['nest']['virtual_processes']} VP")
    print(f"raw NEST: {raw:.2f} s; builder (PyNN + native NEST): {builder:.2f} s")
    print(f"nest_builder: {builder / raw:.2f} x raw NEST time (target <= 1.15)")


if __name__ == "__main__":
    main()
