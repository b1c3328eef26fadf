"""Single neurons and synapses in NEST: the STP probe (L18 Fig 1), activation sweeps (P16 App.
VIII; one portable PyNN code for NEST and NEURON), PSP responses, free membranes and one
neuron's trace (P16 Fig 2)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

import numpy as np

from ..network import STPSet
from .kernel import (
    SpikeRecorder,
    neuron_type,
    poisson_background,
    recorded,
    run_with_progress,
    setup_simulator,
    sim,
    stp_synapse,
)


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
    cells, free = _sweep_populations(sim, neuron_type(neuron),
                                     neuron_type(neuron, lift_threshold=True), neuron,
                                     sweep_parameter, sweep_values, n_runs)
    poisson_background(noise, cells, str(neuron["model"]))
    poisson_background(noise, free, str(neuron["model"]))
    recorder = SpikeRecorder(cells)
    free.record("v", sampling_interval=record_interval_ms)
    run_with_progress(duration_ms)
    counts = np.array([t.size for t in recorder.trains()]).reshape(len(sweep_values), n_runs)
    _, v = recorded(free, "v")
    sim.end()
    return _activation_sweep(counts, v, record_interval_ms)


def _sweep_populations(backend: ModuleType, cell_type: Any, free_type: Any,
                       neuron: Mapping[str, float | str], sweep_parameter: str,
                       sweep_values: Sequence[float], n_runs: int) -> tuple[Any, Any]:
    """n_runs sampling neurons per swept value (starting at reset) and one free twin per value
    (threshold lifted, starting at rest), on PyNN front end `backend`."""
    values = np.asarray(sweep_values, float)
    cells = backend.Population(values.size * n_runs, cell_type, label="sampling")
    cells.set(**{sweep_parameter: np.repeat(values, n_runs)})
    cells.initialize(v=neuron["v_reset"])
    free = backend.Population(values.size, free_type, label="free")
    free.set(**{sweep_parameter: values})
    free.initialize(v=neuron["v_rest"])
    return cells, free


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
    cells, free = _sweep_populations(backend, model(**params), model(**{**params, "v_thresh": 1e6}),
                                     neuron, sweep_parameter, sweep_values, n_runs)
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
