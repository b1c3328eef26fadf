"""The reference side of the spiking-network benchmarks: a plain NEST script, no PyNN.

`mnist_sized_network` is the shared test network (a random RBM of MNIST size, translated by
the library); `raw_network` builds it with NEST calls only, as a NEST user would write it.
"""
import numpy as np

from lifsampling import network
from lifsampling.calibration import MEASURED_ACTIVATION
from lifsampling.rbm import RBM

_L18_CUBA = (MEASURED_ACTIVATION["l18_cuba"]["alpha_mV"], MEASURED_ACTIVATION["l18_cuba"]["u0_mV"])

N_PIXELS, N_LABELS, N_HID = 784, 10, 600


def mnist_sized_network(cfg) -> tuple[RBM, network.NetworkSpec]:
    """784 + 10 visible, 600 hidden CUBA LIF neurons with tsodyks2 synapses (U0 = 0.01,
    tau_rec = 280 ms) and the l18_cuba background; (alpha, u0) of the l18_cuba calibration."""
    rng = np.random.default_rng(0)
    rbm = RBM(rng.normal(0, 0.05, (N_PIXELS + N_LABELS, N_HID)),
              rng.normal(-1, 0.5, N_PIXELS + N_LABELS), rng.normal(-1, 0.5, N_HID), N_LABELS)
    spec = network.rbm_network(rbm, cfg["neurons"]["l18_cuba"], cfg["noise"]["l18_cuba"],
                               *_L18_CUBA, network.STPSet.from_config(cfg["stp"]["modulated"]))
    return rbm, spec


def raw_network(spec: network.NetworkSpec, nest_cfg, seed: int):
    """Fresh kernel, neurons, Poisson background, tsodyks2 synapses, one spike recorder."""
    import nest

    nest.ResetKernel()
    nest.SetKernelStatus({"resolution": nest_cfg["resolution_ms"],
                          "local_num_threads": nest_cfg["virtual_processes"], "rng_seed": seed})
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
    U0 = spec.stp.U0
    nest.Connect(ids[pre], ids[post], "one_to_one", {
        "synapse_model": "tsodyks2_synapse", "weight": spec.weights[post, pre] * 1000 / U0,
        "delay": np.full(post.size, 0.1), "U": U0, "u": U0, "x": 1.0,
        "tau_rec": spec.stp.tau_rec_ms, "tau_fac": spec.stp.tau_fac_ms})
    recorder = nest.Create("spike_recorder")
    nest.Connect(neurons, recorder)
    return neurons, recorder
