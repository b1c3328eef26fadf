"""Spiking simulations in NEST through PyNN: the only package that talks to the simulator.

PyNN is the front end; where its standard types are slower or differ from the model
of the papers, native NEST models are used through it (``tsodyks2_synapse`` for the
Tsodyks-Markram synapse of L18 eqs. 8-9, see `lifsampling.stp`).

Importing PyNN's NEST backend normally tries to compile PyNN's NEST extension with
cmake into site-packages at every import. The NEST wheel's ``nest-config`` names a
compiler that does not exist outside NEST's build machine, so that attempt fails
noisily, and parallel jobs would race on the same build folder. The study uses no
model of that extension, so `_import_pynn_nest` hides ``nest-config`` during the
import and PyNN skips the build.

Three modules: `kernel` (set-up, runs, types, background, recording), `neurons` (single
neurons and synapses) and `networks` (BM and RBM networks).
"""

from __future__ import annotations

from .kernel import (
    PROGRESS_STEPS,
    SpikeRecorder,
    poisson_background,
    setup_simulator,
    sim,
)
from .networks import (
    LiveNetworks,
    build_network,
    simulate_network,
    simulate_network_conductances,
    simulate_networks,
)
from .neurons import (
    simulate_activation,
    simulate_activation_portable,
    simulate_coba_trace,
    simulate_free_membranes,
    simulate_psp_response,
    simulate_stp_probe,
)

__all__ = [
    "PROGRESS_STEPS", "LiveNetworks", "SpikeRecorder", "build_network", "poisson_background",
    "setup_simulator", "sim", "simulate_activation", "simulate_activation_portable",
    "simulate_coba_trace", "simulate_free_membranes", "simulate_network",
    "simulate_network_conductances", "simulate_networks", "simulate_psp_response",
    "simulate_stp_probe",
]
