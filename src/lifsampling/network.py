"""LIF sampling networks as data: STP sets, network specifications, clamps (no simulator here).

`bm_network` translates a Boltzmann machine into a `NetworkSpec` (P16 eqs. 12-13, 64-65,
74-75 via `lifsampling.translate`); `lifsampling.spiking` builds and runs it in NEST.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import membrane, translate
from .rbm import RBM


@dataclass(frozen=True)
class STPSet:
    """Tsodyks-Markram parameters (L18 eqs. 7-9); (U0, 0, 0) is a static synapse."""

    U0: float
    tau_rec_ms: float
    tau_fac_ms: float

    @classmethod
    def from_config(cls, entry: Mapping[str, float]) -> STPSet:
        return cls(float(entry["U0"]), float(entry["tau_rec_ms"]), float(entry["tau_fac_ms"]))

    @property
    def is_static(self) -> bool:
        return self.tau_rec_ms == 0 and self.tau_fac_ms == 0


@dataclass
class NetworkSpec:
    """A LIF sampling network in PyNN units.

    weights[k, j] is the synapse from j onto k (nA for CUBA, µS for COBA; the sign selects
    excitatory or inhibitory), the translated size of a rested synapse's first PSC.
    `sweep_parameter`/`sweep_values` carry the biases: v_rest (CUBA) or i_offset (COBA).
    """

    neuron: Mapping[str, float | str]
    noise: Mapping[str, float]
    weights: np.ndarray
    sweep_parameter: str
    sweep_values: np.ndarray
    stp: STPSet
    delay_ms: float = 0.1


@dataclass(frozen=True, eq=False)
class Clamp:
    """Piecewise-constant currents into `units`: from `times_ms[i]` on, unit `units[j]`
    receives `currents_nA[i, j]` (nA). Clamps hold visible units on or off, or are inputs."""

    units: np.ndarray
    times_ms: np.ndarray
    currents_nA: np.ndarray

    def __post_init__(self) -> None:
        shape = (len(self.times_ms), len(self.units))
        if np.shape(self.currents_nA) != shape:
            raise ValueError(f"clamp currents of shape {np.shape(self.currents_nA)}, "
                             f"expected (times, units) = {shape}")
        if np.any(np.diff(self.times_ms) <= 0):
            raise ValueError("clamp times must increase")

    @classmethod
    def window(cls, units: tuple[int, ...], current_nA: tuple[float, ...], start_ms: float,
               stop_ms: float) -> Clamp:
        """Constant currents into `units` during [start_ms, stop_ms), none outside."""
        return cls(np.asarray(units), np.array([start_ms, stop_ms]),
                   np.array([current_nA, np.zeros(len(units))], dtype=float))

    @classmethod
    def hold(cls, units: np.ndarray, on: np.ndarray, current_nA: float) -> Clamp:
        """Units held on (+current_nA) or off (-current_nA) for the whole run."""
        signs = np.where(np.asarray(on) > 0, 1.0, -1.0)
        return cls(np.asarray(units), np.array([0.0]), current_nA * signs[None, :])


@dataclass(frozen=True, eq=False)
class SpikeSources:
    """Units of a network whose output is given: `trains[i]` (ms) leaves unit `units[i]`
    through that unit's synapses, in place of its neuron's spikes. A clamped layer's input
    with a chosen time course. The units' neurons stay, silent to the network, unless
    `without_neurons`: then the units have no neuron at all (no membrane, no background to
    simulate, nothing to record) and the network holds the other units only."""

    units: np.ndarray
    trains: tuple[np.ndarray, ...]
    without_neurons: bool = False

    def __post_init__(self) -> None:
        if len(self.units) != len(self.trains):
            raise ValueError(f"{len(self.trains)} spike trains for {len(self.units)} units")


def held_unit_trains(states: np.ndarray, switches_ms: np.ndarray, end_ms: float,
                     period_ms: float) -> tuple[np.ndarray, ...]:
    """Spike times of units held in `states` (state, unit) from `switches_ms[i]` on: a unit
    held on fires every `period_ms` from the switch on, in phase with the others; a unit
    held off never fires. This is how a LIF neuron held on by a strong current fires (every
    τ_ref + dt, all in phase after a switch; docs/clamp_delivery.md, `periodic_locked`)."""
    states = np.asarray(states) > 0
    bounds = np.append(np.asarray(switches_ms, float), end_ms)
    counts = np.ceil(np.diff(bounds) / period_ms).astype(np.int64)
    trains = []
    for on in states.T:  # unit by unit: a paper classification holds 2e7 spikes in all
        held = np.flatnonzero(on)
        n = counts[held]
        k = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
        trains.append(np.repeat(bounds[held], n) + period_ms * k)
    return tuple(trains)


def clamp_current_nA(neuron: Mapping[str, float | str], shift_mV: float) -> float:
    """The current that shifts a CUBA (IF_curr_exp) neuron's membrane by `shift_mV`: a
    clamp of +-shift holds a unit on or off (g_l = C_m / tau_m; 1 nA moves it 1/g_l mV)."""
    if neuron["model"] != "IF_curr_exp":
        raise ValueError("clamps shift the membrane by a current of a CUBA (IF_curr_exp) neuron")
    return float(shift_mV) * float(neuron["cm"]) / float(neuron["tau_m"])


def bm_network(W: np.ndarray, b: np.ndarray, neuron: Mapping, noise: Mapping, alpha: float,
               u0: float, stp: STPSet, delay_ms: float = 0.1) -> NetworkSpec:
    """The LIF network that samples from the BM (W, b), given the activation function (α, ū₀).

    CUBA: leak potentials ū₀ + α b (balanced noise: the free mean is E_l), current weights of
    `translate.cuba_weights`. COBA: external currents of P16 eq. 75 for the means ū₀ + α b,
    conductances of P16 eq. 64 at the free-membrane mean and τ_eff of the background.
    """
    means = translate.free_membrane_means(b, alpha, u0)
    if neuron["model"] == "IF_curr_exp":
        weights = translate.cuba_weights(W, neuron, alpha)
        offset = membrane.cuba_free_membrane(neuron, noise).mean - neuron["v_rest"]
        return NetworkSpec(neuron, noise, weights, "v_rest", means - offset, stp, delay_ms)
    free = membrane.coba_free_membrane(neuron, noise)
    magnitudes = translate.coba_weights(W, neuron, alpha, free.mean, free.tau_eff)
    weights = np.where(np.asarray(W) >= 0, magnitudes, -magnitudes)
    currents = np.array([membrane.coba_current_for_mean(neuron, noise, m) for m in means])
    return NetworkSpec(neuron, noise, weights, "i_offset", currents, stp, delay_ms)


def rbm_network(rbm: RBM, neuron: Mapping, noise: Mapping, alpha: float, u0: float,
                stp: STPSet, delay_ms: float = 0.1) -> NetworkSpec:
    """The LIF network of a trained RBM: units ordered (visible, labels, hidden) as in
    `RBM.to_bm`, translated like any BM (`bm_network`); the same (W, b) a Gibbs sampler uses."""
    W, b = rbm.to_bm()
    return bm_network(W, b, neuron, noise, alpha, u0, stp, delay_ms)
