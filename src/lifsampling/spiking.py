"""Spiking simulations in NEST through PyNN: the only module that talks to the simulator.

PyNN is the front end; where its standard types are slower or differ from the model
of the papers, native NEST models are used through it (``tsodyks2_synapse`` for the
Tsodyks-Markram synapse of L18 eqs. 8-9, see `lifsampling.stp`).

Importing PyNN's NEST backend normally tries to compile PyNN's NEST extension with
cmake into site-packages at every import. The NEST wheel's ``nest-config`` names a
compiler that does not exist outside NEST's build machine, so that attempt fails
noisily, and parallel jobs would race on the same build folder. The study uses no
model of that extension, so `_import_pynn_nest` hides ``nest-config`` during the
import and PyNN skips the build.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any

import numpy as np

from .network import Clamp, NetworkSpec, SpikeSources, STPSet
from .stp import rested_weight

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


def simulate_stp_probe(
    neuron: Mapping[str, float | str],
    stp_sets: Mapping[str, STPSet],
    spike_times_ms: Sequence[float],
    first_amplitude_nA: float,
    delay_ms: float,
    duration_ms: float,
    nest_cfg: Mapping[str, float],
    seed: int,
) -> dict[str, np.ndarray]:
    """Free membrane of one neuron per STP set, all driven by the same presynaptic train.

    Returns ``{"t": times (ms), name: membrane potential (mV), ...}`` sampled every time step.
    """
    setup_simulator(nest_cfg, seed)
    source = sim.Population(1, sim.SpikeSourceArray(spike_times=list(spike_times_ms)))
    targets = {}
    for name, stp in stp_sets.items():
        post = sim.Population(1, neuron_type(neuron, lift_threshold=True), label=name)
        post.initialize(v=neuron["v_rest"])
        post.record("v", sampling_interval=nest_cfg["resolution_ms"])
        sim.Projection(source, post, sim.AllToAllConnector(),
                       stp_synapse(stp, first_amplitude_nA, delay_ms),
                       receptor_type="excitatory")
        targets[name] = post
    run_with_progress(duration_ms)
    out: dict[str, np.ndarray] = {}
    for name, post in targets.items():
        out["t"], v = recorded(post, "v")
        out[name] = v[:, 0]
    sim.end()
    return out


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


def simulate_activation(
    neuron: Mapping[str, float | str],
    noise: Mapping[str, float],
    sweep_parameter: str,
    sweep_values: Sequence[float],
    n_runs: int,
    duration_ms: float,
    nest_cfg: Mapping[str, float],
    seed: int,
    record_interval_ms: float = 1.0,
) -> dict[str, np.ndarray]:
    """Single neurons in the HCS for each value of `sweep_parameter` (v_rest or i_offset).

    n_runs independent neurons per value measure p(z=1) = N_spikes τ_ref / T (P16 eq. 72);
    one twin per value with the threshold lifted records the free membrane (P16 App. VIII).
    Returns spike counts (value, run), free-membrane mean and std per value.
    """
    setup_simulator(nest_cfg, seed)
    values = np.repeat(np.asarray(sweep_values, float), n_runs)
    cells = sim.Population(values.size, neuron_type(neuron), label="sampling")
    cells.set(**{sweep_parameter: values})
    cells.initialize(v=neuron["v_reset"])
    free = sim.Population(len(sweep_values), neuron_type(neuron, lift_threshold=True),
                          label="free")
    free.set(**{sweep_parameter: np.asarray(sweep_values, float)})
    free.initialize(v=neuron["v_rest"])
    poisson_background(noise, cells, str(neuron["model"]))
    poisson_background(noise, free, str(neuron["model"]))
    recorder = SpikeRecorder(cells)
    free.record("v", sampling_interval=record_interval_ms)
    run_with_progress(duration_ms)
    counts = np.array([t.size for t in recorder.trains()]).reshape(len(sweep_values), n_runs)
    _, v = recorded(free, "v")
    sim.end()
    return _activation_sweep(counts, v, record_interval_ms)


def _activation_sweep(counts: np.ndarray, v: np.ndarray, record_interval_ms: float
                      ) -> dict[str, np.ndarray]:
    """Spike counts (value, run) and the free membranes' moments without the first 50 ms
    (the start-up transient)."""
    settle = int(round(50.0 / record_interval_ms))
    return {"spike_counts": counts, "free_mean": v[settle:].mean(axis=0),
            "free_std": v[settle:].std(axis=0)}


def _pynn_backend(simulator: str) -> ModuleType:
    """PyNN's front end for `simulator`: 'nest' (already imported) or 'neuron' (PyNN's NMODL
    mechanisms compiled once at set-up, `make setup`; never at run time)."""
    if simulator == "nest":
        return sim
    if simulator == "neuron":
        os.environ.setdefault("NEURON_MODULE_OPTIONS", "-nogui")
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*mpi4py.*")
            import pyNN.neuron as backend
        return backend
    raise ValueError(f"simulator must be 'nest' or 'neuron', not {simulator!r}")


def simulate_activation_portable(
    simulator: str,
    neuron: Mapping[str, float | str],
    noise: Mapping[str, float],
    sweep_parameter: str,
    sweep_values: Sequence[float],
    n_runs: int,
    duration_ms: float,
    resolution_ms: float,
    seed: int,
    record_interval_ms: float = 1.0,
) -> dict[str, np.ndarray]:
    """`simulate_activation` in PyNN's standard API only, so one code runs on NEST and on
    NEURON (P16's simulator): a SpikeSourcePoisson per neuron and receptor, one-to-one
    static synapses, PyNN's own recorders. Slower than the native-NEST path; used to put the
    simulators and time steps side by side (P16 App. VII-VIII)."""
    backend = _pynn_backend(simulator)
    seeding = {"rng_seed": int(seed), "spike_precision": "on_grid", "verbosity": "error",
               "threads": 1} if simulator == "nest" else {"native_rng_baseseed": int(seed)}
    backend.setup(timestep=resolution_ms, min_delay=resolution_ms,
                  max_delay=10 * resolution_ms, **seeding)
    params = {k: v for k, v in neuron.items() if k != "model"}
    model = getattr(backend, str(neuron["model"]))
    values = np.repeat(np.asarray(sweep_values, float), n_runs)
    cells = backend.Population(values.size, model(**params), label="sampling")
    cells.set(**{sweep_parameter: values})
    cells.initialize(v=neuron["v_reset"])
    free = backend.Population(len(sweep_values), model(**{**params, "v_thresh": 1e6}),
                              label="free")
    free.set(**{sweep_parameter: np.asarray(sweep_values, float)})
    free.initialize(v=neuron["v_rest"])
    unit = "uS" if neuron["model"] == "IF_cond_exp" else "nA"
    for targets in (cells, free):
        for kind, receptor in (("exc", "excitatory"), ("inh", "inhibitory")):
            sources = backend.Population(targets.size, backend.SpikeSourcePoisson(
                rate=noise[f"rate_{kind}_hz"]))
            backend.Projection(sources, targets, backend.OneToOneConnector(),
                               backend.StaticSynapse(weight=noise[f"weight_{kind}_{unit}"],
                                                     delay=resolution_ms),
                               receptor_type=receptor)
    cells.record("spikes")
    free.record("v", sampling_interval=record_interval_ms)
    run_with_progress(duration_ms, backend)
    trains = cells.get_data().segments[0].spiketrains
    counts = np.array([len(t) for t in trains]).reshape(len(sweep_values), n_runs)
    _, v = recorded(free, "v")
    backend.end()
    return _activation_sweep(counts, v, record_interval_ms)


def simulate_psp_response(
    neuron: Mapping[str, float | str],
    noise: Mapping[str, float] | None,
    weight: float,
    receptor: str,
    spike_times_ms: Sequence[float],
    duration_ms: float,
    nest_cfg: Mapping[str, float],
    seed: int,
) -> dict[str, np.ndarray]:
    """Free membrane with and without a synaptic input train, same seed (same background).

    Two simulations that differ only by the input connection: their difference is the PSP
    train of one synapse (weight in PyNN units: µS for COBA, nA for CUBA, signed for CUBA
    inhibition), including the conductance effects of the background.
    """
    traces = {}
    for label, with_input in (("without", False), ("with", True)):
        setup_simulator(nest_cfg, seed)
        cell = sim.Population(1, neuron_type(neuron, lift_threshold=True))
        cell.initialize(v=neuron["v_rest"])
        if noise is not None:
            poisson_background(noise, cell, str(neuron["model"]))
        source = sim.Population(1, sim.SpikeSourceArray(spike_times=list(spike_times_ms)))
        if with_input:
            sim.Projection(source, cell, sim.AllToAllConnector(),
                           sim.StaticSynapse(weight=weight, delay=0.1), receptor_type=receptor)
        cell.record("v", sampling_interval=nest_cfg["resolution_ms"])
        run_with_progress(duration_ms)
        traces["t"], v = recorded(cell, "v")
        traces[label] = v[:, 0]
        sim.end()
    return traces


# ----------------------------------------------------------------------------- networks


def _native_weights(spec: NetworkSpec) -> np.ndarray:
    """NEST weights of the recurrent synapses: pA or nS, divided by U0 for TM synapses."""
    w = np.asarray(spec.weights, float) * PYNN_TO_NEST
    return w if spec.stp.is_static else rested_weight(w, spec.stp.U0)


def connect_recurrent(spec: NetworkSpec, population, all_pairs: bool = False,
                      senders: np.ndarray | None = None) -> int:
    """All non-zero synapses of `spec` in one NEST call on PyNN's neurons; returns their number.

    NEST's array connection (one_to_one on id arrays) with the native static or
    ``tsodyks2_synapse`` model: PyNN's own path (TsodyksMarkramSynapse = NEST tsodyks_synapse,
    per-column connection calls) is about 3x slower at MNIST size (docs/study.md §6). NEST reads the
    sign of the weight as the receptor (inhibitory if negative) for both iaf_psc_exp and
    iaf_cond_exp. With `all_pairs`, every pair k != j is connected, zero weights included
    (their weights may change later, `LiveNetworks`). `senders` (NEST ids, one per unit)
    replaces the neurons a unit's synapses leave from (`SpikeSources`).
    """
    import nest

    post, pre = np.nonzero(~np.eye(len(spec.weights), dtype=bool) if all_pairs
                           else spec.weights)
    if post.size == 0:
        return 0
    ids = np.asarray(population.node_collection.tolist())
    if senders is not None:
        nest.Connect(senders[pre], ids[post], conn_spec="one_to_one", syn_spec=_synapses(
            spec, post, pre))
        return int(post.size)
    nest.Connect(ids[pre], ids[post], conn_spec="one_to_one", syn_spec=_synapses(spec, post,
                                                                                 pre))
    return int(post.size)


def _synapses(spec: NetworkSpec, post: np.ndarray, pre: np.ndarray) -> dict[str, Any]:
    """NEST syn_spec of the synapses pre -> post of `spec`: static or tsodyks2."""
    syn = {"weight": _native_weights(spec)[post, pre],
           "delay": np.full(post.size, spec.delay_ms)}
    if spec.stp.is_static:
        syn["synapse_model"] = "static_synapse"
    else:
        syn.update(synapse_model="tsodyks2_synapse", **tsodyks2_parameters(spec.stp))
    return syn


def spike_relays(trains: Sequence[np.ndarray]) -> np.ndarray:
    """NEST ids of parrot neurons that emit `trains` (ms, on the time grid): a
    spike_generator behind each, so any synapse model (tsodyks2 too) can leave them."""
    import nest

    dt = sim.get_time_step()
    # the parrot fires one step after its generator
    times = [np.unique(np.round((np.asarray(t, float) - dt) / dt) * dt) for t in trains]
    generators = nest.Create("spike_generator", len(trains),
                             params=[{"spike_times": t[t > 0]} for t in times])
    parrots = nest.Create("parrot_neuron", len(trains))
    nest.Connect(generators, parrots, "one_to_one", {"delay": dt})
    return np.asarray(parrots.tolist())


def build_network(spec: NetworkSpec, clamps: Sequence[Clamp] = (), all_pairs: bool = False,
                  sources: SpikeSources | None = None):
    """Neurons, background and recurrent synapses of `spec` (simulator already set up); the
    synapses of the `sources` units carry their given trains instead of their spikes."""
    neurons = sim.Population(len(spec.sweep_values), neuron_type(spec.neuron), label="network")
    neurons.set(**{spec.sweep_parameter: np.asarray(spec.sweep_values, float)})
    neurons.initialize(v=spec.neuron["v_reset"])
    poisson_background(spec.noise, neurons, str(spec.neuron["model"]))
    senders = None
    if sources is not None:
        senders = np.asarray(neurons.node_collection.tolist())
        senders[np.asarray(sources.units)] = spike_relays(sources.trains)
    connect_recurrent(spec, neurons, all_pairs, senders)
    for clamp in clamps:
        inject_clamp(clamp, neurons)
    return neurons


def inject_clamp(clamp: Clamp, population) -> None:
    """One NEST ``step_current_generator`` per clamped unit, all created and connected in one
    call each (PyNN's StepCurrentSource costs ~3 ms of Python per unit: 2.6 s for the 784
    pixels of MNIST). As in PyNN, a generator switches `min_delay` early and reaches its
    neuron after `min_delay`, so the current changes at the clamp's times (on the grid; a
    change at t <= resolution takes effect at the first step)."""
    import nest

    delay, dt = sim.get_min_delay(), sim.get_time_step()
    times = np.round(np.maximum(clamp.times_ms - delay, dt) / dt) * dt
    last_of_equal = np.append(times[1:] > times[:-1], True)
    generators = nest.Create("step_current_generator", len(clamp.units), params=[
        {"amplitude_times": times[last_of_equal],
         "amplitude_values": clamp.currents_nA[last_of_equal, j] * PYNN_TO_NEST}
        for j in range(len(clamp.units))])
    targets = np.asarray(population.node_collection.tolist())[np.asarray(clamp.units)]
    nest.Connect(np.asarray(generators.tolist()), targets, "one_to_one",
                 {"delay": np.full(targets.size, delay)})


def simulate_networks(specs: Sequence[NetworkSpec], duration_ms: float,
                      nest_cfg: Mapping[str, float], seed: int,
                      clamps: Sequence[Sequence[Clamp]] | None = None,
                      recorded: Sequence[int] | None = None,
                      sources: Sequence[SpikeSources | None] | None = None
                      ) -> list[list[np.ndarray]]:
    """Several independent networks side by side in one NEST run: spike times per network,
    of every unit or of the `recorded` units only (in that order); `clamps` and `sources`
    one entry per network.

    One kernel for many small networks (a grid of STP parameters, many random BMs) costs far
    less than one run each; their backgrounds are independent.
    """
    setup_simulator(nest_cfg, seed)
    clamps = clamps or [()] * len(specs)
    sources = sources or [None] * len(specs)
    recorders = [SpikeRecorder(build_network(spec, c, sources=s), recorded)
                 for spec, c, s in zip(specs, clamps, sources, strict=True)]
    run_with_progress(duration_ms)
    trains = [r.trains() for r in recorders]
    sim.end()
    return trains


def simulate_network_conductances(spec: NetworkSpec, duration_ms: float,
                                  nest_cfg: Mapping[str, float], seed: int,
                                  start_ms: float = 0.0) -> dict[str, np.ndarray]:
    """Spike trains and the mean total synaptic conductance (µS, background and recurrent)
    of every neuron from `start_ms` on: the ⟨g_tot⟩ - g_l the network really has."""
    setup_simulator(nest_cfg, seed)
    neurons = build_network(spec)
    recorder = SpikeRecorder(neurons)
    neurons.record(["gsyn_exc", "gsyn_inh"], sampling_interval=1.0)
    run_with_progress(duration_ms)
    out = {"trains": recorder.trains()}
    for name in ("gsyn_exc", "gsyn_inh"):
        t, values = recorded(neurons, name)
        out[name] = values[t >= start_ms].mean(axis=0)
    sim.end()
    return out


class LiveNetworks:
    """Copies of one network that run on while their weights and biases change between runs:
    the LIF network sampling inside its own training loop (P16 App. X). Every pair of units
    is connected from the start (zero weights included), so a step of the learning rule only
    sets weights and the bias parameter; membranes, synaptic resources and spikes carry over.

    Use as a context manager; `run` returns each copy's spikes of that run only.
    """

    def __init__(self, spec: NetworkSpec, n_copies: int, nest_cfg: Mapping[str, float],
                 seed: int, clamps: Sequence[Clamp] = ()) -> None:
        setup_simulator(nest_cfg, seed)
        try:
            self._build(spec, n_copies, clamps)
        except BaseException:
            sim.end()  # the kernel is left clean for the next simulation of the process
            raise

    def _build(self, spec: NetworkSpec, n_copies: int, clamps: Sequence[Clamp]) -> None:
        import nest

        self.populations = [build_network(spec, clamps, all_pairs=True) for _ in range(n_copies)]
        self.recorders = [SpikeRecorder(p) for p in self.populations]
        self.synapses = []
        for population in self.populations:
            ids = population.node_collection
            connections = nest.GetConnections(source=ids, target=ids)
            first = ids.tolist()[0]
            self.synapses.append((connections,
                                  np.asarray(connections.get("target")) - first,
                                  np.asarray(connections.get("source")) - first))

    def __enter__(self) -> LiveNetworks:
        return self

    def __exit__(self, *exc: object) -> None:
        sim.end()

    def set_parameters(self, spec: NetworkSpec) -> None:
        """Weights and biases of `spec` in every copy (same units and STP as at the start)."""
        weights = _native_weights(spec)
        for population, (connections, post, pre) in zip(self.populations, self.synapses,
                                                         strict=True):
            connections.set(weight=weights[post, pre])
            population.set(**{spec.sweep_parameter: np.asarray(spec.sweep_values, float)})

    @property
    def time_ms(self) -> float:
        """NEST's clock: a run's spikes are those after the clock's value at its start (PyNN
        adds min_delay to the first run)."""
        return float(sim.get_current_time())

    def run(self, duration_ms: float) -> list[list[np.ndarray]]:
        """Simulate `duration_ms` more; spike times (ms, absolute) of this run, per copy."""
        run_with_progress(duration_ms)
        return [r.take() for r in self.recorders]


def simulate_network(spec: NetworkSpec, duration_ms: float, nest_cfg: Mapping[str, float],
                     seed: int, clamps: Sequence[Clamp] = (),
                     recorded: Sequence[int] | None = None) -> list[np.ndarray]:
    """Spike times (ms) of every neuron (or of the `recorded` ones) over [0, duration_ms)."""
    return simulate_networks([spec], duration_ms, nest_cfg, seed, [clamps], recorded)[0]


def simulate_free_membranes(
    cells: Sequence[tuple[Mapping[str, float | str], Mapping[str, float], str, float]],
    duration_ms: float, nest_cfg: Mapping[str, float], seed: int,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Free-membrane traces (threshold lifted) of (neuron, noise, parameter, value) cells."""
    setup_simulator(nest_cfg, seed)
    pops = []
    for neuron, noise, parameter, value in cells:
        pop = sim.Population(1, neuron_type(neuron, lift_threshold=True))
        pop.set(**{parameter: value})
        pop.initialize(v=neuron["v_rest"])
        poisson_background(noise, pop, str(neuron["model"]))
        pop.record("v", sampling_interval=nest_cfg["resolution_ms"])
        pops.append(pop)
    run_with_progress(duration_ms)
    traces = []
    for pop in pops:
        t, v = recorded(pop, "v")
        traces.append(v[:, 0])
    sim.end()
    return t, traces


def simulate_coba_trace(neuron: Mapping[str, float | str], noise: Mapping[str, float],
                        i_offset_nA: float, duration_ms: float, nest_cfg: Mapping[str, float],
                        seed: int) -> dict[str, np.ndarray]:
    """Membrane, synaptic conductances and spikes of one COBA neuron in the HCS (P16 Fig 2A, C)."""
    setup_simulator(nest_cfg, seed)
    cell = sim.Population(1, neuron_type(neuron))
    cell.set(i_offset=i_offset_nA)
    cell.initialize(v=neuron["v_rest"])
    poisson_background(noise, cell, str(neuron["model"]))
    recorder = SpikeRecorder(cell)
    cell.record(["v", "gsyn_exc", "gsyn_inh"], sampling_interval=nest_cfg["resolution_ms"])
    run_with_progress(duration_ms)
    out = {"spikes": recorder.trains()[0]}
    for name in ("v", "gsyn_exc", "gsyn_inh"):
        out["t"], values = recorded(cell, name)
        out[name] = values[:, 0]
    sim.end()
    return out
