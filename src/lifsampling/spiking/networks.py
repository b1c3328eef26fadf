"""Networks in NEST: BM and RBM networks from their `NetworkSpec`, clamps, spike relays,
several networks side by side in one kernel, live networks run in steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..network import Clamp, NetworkSpec, SpikeSources
from ..stp import rested_weight
from .kernel import (
    PYNN_TO_NEST,
    SpikeRecorder,
    neuron_type,
    poisson_background,
    recorded,
    run_with_progress,
    setup_simulator,
    sim,
    tsodyks2_parameters,
)


def _native_weights(spec: NetworkSpec) -> np.ndarray:
    """NEST weights of the recurrent synapses: pA or nS, divided by U0 for TM synapses."""
    w = np.asarray(spec.weights, float) * PYNN_TO_NEST
    return w if spec.stp.is_static else rested_weight(w, spec.stp.U0)


def connect_recurrent(spec: NetworkSpec, population, all_pairs: bool = False,
                      senders: np.ndarray | None = None,
                      units: np.ndarray | None = None) -> int:
    """All non-zero synapses of `spec` in one NEST call on PyNN's neurons; returns their number.

    NEST's array connection (one_to_one on id arrays) with the native static or
    ``tsodyks2_synapse`` model: PyNN's own path (TsodyksMarkramSynapse = NEST tsodyks_synapse,
    per-column connection calls) is about 3x slower at MNIST size (docs/study.md §6). NEST reads the
    sign of the weight as the receptor (inhibitory if negative) for both iaf_psc_exp and
    iaf_cond_exp. With `all_pairs`, every pair k != j is connected, zero weights included
    (their weights may change later, `LiveNetworks`). `senders` (NEST ids, one per unit)
    replaces the neurons a unit's synapses leave from (`SpikeSources`); `units` are the units
    the population's neurons stand for, in order (all by default): synapses onto the others
    are left out.
    """
    import nest

    post, pre = np.nonzero(~np.eye(len(spec.weights), dtype=bool) if all_pairs
                           else spec.weights)
    node_of = unit_nodes(population, len(spec.weights), units)
    received = node_of[post] >= 0
    post, pre = post[received], pre[received]
    if post.size == 0:
        return 0
    senders = node_of if senders is None else senders
    nest.Connect(senders[pre], node_of[post], conn_spec="one_to_one",
                 syn_spec=_synapses(spec, post, pre))
    return int(post.size)


def unit_nodes(population, n_units: int, units: np.ndarray | None = None) -> np.ndarray:
    """NEST id of the neuron of every unit of a network of `n_units`; -1 for a unit without
    one (the population holds `units`, in order; all by default)."""
    ids = np.asarray(population.node_collection.tolist())
    node_of = np.full(n_units, -1, dtype=ids.dtype)
    node_of[np.arange(n_units) if units is None else units] = ids
    return node_of


def simulated_units(spec: NetworkSpec, sources: SpikeSources | None) -> np.ndarray:
    """The units that get a neuron: all, but the sources `without_neurons`."""
    units = np.arange(len(spec.weights))
    if sources is None or not sources.without_neurons:
        return units
    return np.setdiff1d(units, sources.units)


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
    synapses of the `sources` units carry their given trains instead of their spikes. The
    population holds one neuron per unit of `simulated_units`, in order."""
    units = simulated_units(spec, sources)
    neurons = sim.Population(units.size, neuron_type(spec.neuron), label="network")
    neurons.set(**{spec.sweep_parameter: np.asarray(spec.sweep_values, float)[units]})
    neurons.initialize(v=spec.neuron["v_reset"])
    poisson_background(spec.noise, neurons, str(spec.neuron["model"]))
    node_of = unit_nodes(neurons, len(spec.weights), units)
    senders = None
    if sources is not None:
        senders = node_of.copy()
        senders[np.asarray(sources.units)] = spike_relays(sources.trains)
    connect_recurrent(spec, neurons, all_pairs, senders, units)
    for clamp in clamps:
        inject_clamp(clamp, node_of)
    return neurons


def inject_clamp(clamp: Clamp, node_of: np.ndarray) -> None:
    """One NEST ``step_current_generator`` per clamped unit (NEST ids `node_of[unit]`), all
    created and connected in one call each (PyNN's StepCurrentSource costs ~3 ms of Python
    per unit: 2.6 s for the 784 pixels of MNIST). As in PyNN, a generator switches
    `min_delay` early and reaches its neuron after `min_delay`, so the current changes at the
    clamp's times (on the grid; a change at t <= resolution takes effect at the first step)."""
    import nest

    targets = node_of[np.asarray(clamp.units)]
    if (targets < 0).any():
        raise ValueError(f"clamped units without a neuron: {np.asarray(clamp.units)[targets < 0]}")
    delay, dt = sim.get_min_delay(), sim.get_time_step()
    times = np.round(np.maximum(clamp.times_ms - delay, dt) / dt) * dt
    last_of_equal = np.append(times[1:] > times[:-1], True)
    generators = nest.Create("step_current_generator", len(clamp.units), params=[
        {"amplitude_times": times[last_of_equal],
         "amplitude_values": clamp.currents_nA[last_of_equal, j] * PYNN_TO_NEST}
        for j in range(len(clamp.units))])
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
    recorders = [SpikeRecorder(build_network(spec, c, sources=s),
                               _positions(simulated_units(spec, s), recorded))
                 for spec, c, s in zip(specs, clamps, sources, strict=True)]
    run_with_progress(duration_ms)
    trains = [r.trains() for r in recorders]
    sim.end()
    return trains


def _positions(units: np.ndarray, recorded: Sequence[int] | None) -> np.ndarray | None:
    """Where the `recorded` units sit in a population of `units` (None: all of them)."""
    if recorded is None:
        if units.size and units[-1] != units.size - 1:
            raise ValueError("units without a neuron cannot be recorded: name the recorded ones")
        return None
    recorded = np.asarray(recorded, int)
    at = np.searchsorted(units, recorded)
    if (at >= units.size).any() or (units[np.minimum(at, units.size - 1)] != recorded).any():
        raise ValueError(f"recorded units without a neuron: {np.setdiff1d(recorded, units)}")
    return at


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
                     recorded: Sequence[int] | None = None,
                     sources: SpikeSources | None = None) -> list[np.ndarray]:
    """Spike times (ms) of every neuron (or of the `recorded` ones) over [0, duration_ms)."""
    return simulate_networks([spec], duration_ms, nest_cfg, seed, [clamps], recorded,
                             [sources])[0]
