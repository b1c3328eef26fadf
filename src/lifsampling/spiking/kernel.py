"""The NEST kernel through PyNN: its setup, runs with progress, neuron and synapse types, the
Poisson background and spike recording (what every simulation of `lifsampling.spiking` uses)."""

from __future__ import annotations

import contextlib
import logging
import os
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType

import numpy as np

from ..network import STPSet
from ..stp import rested_weight

os.environ.setdefault("PYNEST_QUIET", "1")  # NEST's banner on every import adds nothing to logs

# NEST's native units are pA and nS, PyNN's nA and µS: the same factor for both
PYNN_TO_NEST = 1000.0
# A run of at least PROGRESS_FROM_MS of biological time logs its progress PROGRESS_STEPS times.
PROGRESS_FROM_MS = 10_000.0
PROGRESS_STEPS = 20
log = logging.getLogger(__name__)


@contextlib.contextmanager
def _without_nest_config() -> Iterator[None]:
    path = os.environ.get("PATH", "")
    kept = [d for d in path.split(os.pathsep) if not os.path.isfile(os.path.join(d, "nest-config"))]
    os.environ["PATH"] = os.pathsep.join(kept)
    try:
        yield
    finally:
        os.environ["PATH"] = path


def _import_pynn_nest() -> ModuleType:
    with _without_nest_config(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Cannot find nest-config")
        warnings.filterwarnings("ignore", message=".*backward compatibility only.*")
        warnings.filterwarnings("ignore", category=UserWarning, module=r"pyNN\.nest\.cells")
        import pyNN.nest as sim
    return sim


sim = _import_pynn_nest()
# PyNN warns on every `initialize` that NEST keeps synaptic currents at 0: true and harmless
logging.getLogger("PyNN").setLevel(logging.ERROR)


def run_with_progress(duration_ms: float, backend: ModuleType | None = None) -> None:
    """`backend.run(duration_ms)` (PyNN on NEST by default) in about PROGRESS_STEPS chunks of
    whole time steps, logging the simulated and the wall time after each, so the job log of a
    10^5-10^6 ms run shows where it is. run(x + y) is run(x) then run(y), spike for spike
    (`tests/integration/test_network_nest.py`). PyNN's own `run(..., callbacks=...)` is not
    used: on NEURON it never returns once the solver stops a hair short of the end time."""
    backend = backend or sim
    if duration_ms < PROGRESS_FROM_MS:
        backend.run(duration_ms)
        return
    dt = backend.get_time_step()
    n_steps = round(duration_ms / dt)
    chunk = max(1, round(n_steps / PROGRESS_STEPS))
    wall, done = time.perf_counter(), 0
    while done < n_steps:
        steps = min(chunk, n_steps - done)
        backend.run(steps * dt)
        done += steps
        log.info("simulated %.0f of %.0f ms (%3.0f %%) in %.0f s", done * dt, duration_ms,
                 100 * done / n_steps, time.perf_counter() - wall)


def setup_simulator(nest_cfg: Mapping[str, float], seed: int) -> None:
    """Reset NEST; set time step, delays, virtual processes and seed (config `nest`)."""
    sim.setup(
        timestep=nest_cfg["resolution_ms"],
        min_delay=nest_cfg["min_delay_ms"],
        max_delay=nest_cfg["max_delay_ms"],
        threads=int(nest_cfg["virtual_processes"]),
        rng_seed=int(seed),
        verbosity="error",
        spike_precision="on_grid",
    )


def tsodyks2_parameters(stp: STPSet) -> dict[str, float]:
    """NEST ``tsodyks2_synapse`` parameters of a rested Tsodyks-Markram synapse (no weight).

    Since NEST 3.8 that model transmits its initial state (u, x) at the first spike and
    applies L18 eqs. 8-9 from the second on, so u = U0 and x = 1 is the rested synapse of
    `lifsampling.stp.tm_efficacies` (checked against NEST in the tests).
    """
    if stp.tau_rec_ms == 0:
        raise ValueError(
            f"{stp}: tau_rec = 0 with facilitation has no tsodyks2_synapse equivalent"
        )
    return {"U": stp.U0, "u": stp.U0, "x": 1.0, "tau_rec": stp.tau_rec_ms,
            "tau_fac": stp.tau_fac_ms}


def stp_synapse(stp: STPSet, first_amplitude_nA: float, delay_ms: float):
    """A PyNN synapse whose first transmission from a rested state is `first_amplitude_nA`.

    Static sets become PyNN's `StaticSynapse` with weight U0·w (U·R = U0 at every spike);
    all others NEST's native ``tsodyks2_synapse`` (`tsodyks2_parameters`) with weight
    w = amplitude/U0 (`stp.rested_weight`).
    """
    if stp.is_static:
        return sim.StaticSynapse(weight=first_amplitude_nA, delay=delay_ms)
    tsodyks2 = sim.native_synapse_type("tsodyks2_synapse")
    # native types bypass PyNN's unit conversion: the weight goes to NEST as pA
    return tsodyks2(weight=rested_weight(first_amplitude_nA, stp.U0) * PYNN_TO_NEST,
                    delay=delay_ms, **tsodyks2_parameters(stp))


def neuron_type(params: Mapping[str, float | str], lift_threshold: bool = False):
    """PyNN cell type of a config neuron set; `lift_threshold` records the free membrane."""
    params = dict(params)
    model = getattr(sim, params.pop("model"))
    if lift_threshold:
        params["v_thresh"] = 1e6
    return model(**params)


def recorded(population, name: str) -> tuple[np.ndarray, np.ndarray]:
    """(times in ms, values (time, neuron)) of a variable recorded by PyNN."""
    signal = population.get_data().segments[0].filter(name=name)[0]
    return (np.asarray(signal.times.rescale("ms").magnitude, float),
            np.asarray(signal.magnitude, float))


# ----------------------------------------------------------------------------- background


def _independent_poisson_generator():
    """NEST's poisson_generator as a PyNN cell type connected without a parrot neuron."""
    native = sim.native_cell_type("poisson_generator")
    return type("IndependentPoissonGenerator", (native,), {"uses_parrot": False})


def poisson_background(noise: Mapping[str, float], targets, model: str) -> None:
    """Excitatory and inhibitory Poisson trains onto every neuron of `targets`.

    One NEST ``poisson_generator`` per type connected to all targets gives each neuron its
    own independent trains. PyNN would put a parrot neuron behind a native generator, which
    sends one and the same train to every target: `_independent_poisson_generator` turns that
    off, and one NEST call connects each generator to all targets (PyNN's projection makes one
    call per target). Weights: µS for IF_cond_exp, nA for IF_curr_exp (config `noise`); NEST
    reads a negative weight as inhibitory for both neuron models.
    """
    import nest

    unit = "uS" if model == "IF_cond_exp" else "nA"
    generator = _independent_poisson_generator()
    for kind, sign in (("exc", 1.0), ("inh", -1.0)):
        source = sim.Population(1, generator(rate=noise[f"rate_{kind}_hz"]),
                                label=f"noise_{kind}")
        weight = sign * noise[f"weight_{kind}_{unit}"] * PYNN_TO_NEST
        nest.Connect(source.node_collection, targets.node_collection, "all_to_all",
                     {"weight": weight, "delay": sim.get_min_delay()})


class SpikeRecorder:
    """A native NEST spike_recorder on a PyNN population (or on its `units` only: what is
    not read is not recorded): spike times without neo objects."""

    def __init__(self, population, units: Sequence[int] | None = None) -> None:
        import nest

        nodes = population.node_collection
        if units is not None:
            units = np.asarray(units, int)
            if units.size == 0 or (np.diff(units) <= 0).any():
                # a NodeCollection keeps node order: trains would come back reordered
                raise ValueError(f"recorded units must be increasing and not empty: {units}")
            nodes = nodes[units.tolist()]
        self.ids = np.asarray(nodes.tolist())
        self.device = nest.Create("spike_recorder")
        nest.Connect(nodes, self.device)

    def trains(self) -> list[np.ndarray]:
        events = self.device.get("events")
        senders, times = np.asarray(events["senders"]), np.asarray(events["times"], float)
        order = np.lexsort((times, senders))
        senders, times = senders[order], times[order]
        bounds = np.searchsorted(senders, np.append(self.ids, self.ids[-1] + 1))
        return [times[bounds[i]:bounds[i + 1]] for i in range(self.ids.size)]

    def take(self) -> list[np.ndarray]:
        """`trains` of the spikes recorded so far, then forget them."""
        trains = self.trains()
        self.device.n_events = 0
        return trains
