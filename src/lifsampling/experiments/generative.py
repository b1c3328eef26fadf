"""Trained RBMs as generative models: the samplers of every generative experiment (`l18_fig2_bars`,
L18 Fig 2c; `l18_fig3`; `l18_fig4`), a Gibbs chain, adaptive simulated
tempering (AST) and the RBM's LIF+STP network with the same (W, b). Visible units can be
clamped in all three (pattern completion).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import xarray as xr

from .. import io, spike_trains, states
from ..data import ambiguous_lower_half, images_and_labels
from ..network import (
    Clamp,
    SpikeSources,
    STPSet,
    clamp_current_nA,
    held_unit_trains,
    rbm_network,
)
from ..rbm import RBM
from ..samplers import inverse_temperatures, rbm_ast_steps, rbm_gibbs


@dataclass(frozen=True)
class VisibleClamp:
    """Visible units held at fixed binary values while the others are sampled."""

    units: np.ndarray
    values: np.ndarray

    def mask(self, n_visible: int) -> np.ndarray:
        mask = np.zeros(n_visible, bool)
        mask[self.units] = True
        return mask


def completion_clamp(job: Mapping[str, Any], mnist: xr.Dataset, n_pixels: int
                     ) -> tuple[VisibleClamp, int]:
    """The clamped lower half of L18 Fig 4d-f's pattern completion (slice keys
    `input_split`, `classes`, `n_neighbours`) and the index of its image in that split (the
    rule of `data.ambiguous_lower_half`)."""
    images, labels = images_and_labels(mnist, job["input_split"])
    index = ambiguous_lower_half(images, labels, tuple(job["classes"]), job["n_neighbours"])
    units = np.arange(n_pixels // 2, n_pixels)  # rows 14-27 of a 28 x 28 image
    return VisibleClamp(units, images[index, units].astype(np.uint8)), index


def _clamp_arrays(clamp: VisibleClamp | None, n_visible: int
                  ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(mask, values) of the samplers' clamp arguments; (None, None) without a clamp."""
    if clamp is None:
        return None, None
    return clamp.mask(n_visible), clamp.values.astype(np.float32)


def gibbs_samples(rbm: RBM, n_samples: int, seed: int, clamp: VisibleClamp | None = None
                  ) -> np.ndarray:
    """`n_samples` consecutive block-Gibbs samples of one chain from a random start: visible
    states (n_samples, n_visible), label units included (the modes read their states)."""
    mask, values = _clamp_arrays(clamp, rbm.n_visible)
    v, _ = rbm_gibbs(rbm, n_samples, np.random.default_rng(seed), n_chains=1,
                     clamp_mask=mask, clamp_values=values)
    return v[:, 0]


def ast_samples(rbm: RBM, n_valid: int, betas: Mapping[str, float], n_chains: int,
                gamma: Mapping[str, float], rng: np.random.Generator, burn_in: int = 1000,
                clamp: VisibleClamp | None = None) -> tuple[np.ndarray, float]:
    """`n_valid` AST samples at beta = 1 from one continuous run after `burn_in` steps, with
    the temperature ladder `betas` {low, high, n} and adaptation rate `gamma` {a, b} (slice
    entries): visible states (n_valid, n_visible) uint8, label units included, and the valid
    fraction, samples at beta = 1 per chain step counted after the
    burn-in (a step of one chain is one Gibbs sweep; Gibbs: 1). With several chains, the
    valid rows of one step are taken in chain order."""
    mask, values = _clamp_arrays(clamp, rbm.n_visible)
    ladder = inverse_temperatures(betas)
    kept, n_kept, steps, target = [], 0, 0, len(ladder) - 1
    stream = rbm_ast_steps(rbm, rng, ladder, n_chains, (gamma["a"], gamma["b"]), mask, values)
    for step, (v, _, k) in enumerate(stream):
        if step < burn_in:
            continue
        valid = k == target
        kept.append(v[valid].astype(np.uint8))
        n_kept, steps = n_kept + int(valid.sum()), steps + k.size
        if n_kept >= n_valid:
            return np.concatenate(kept)[:n_valid], n_kept / steps
    raise AssertionError("unreachable: the AST stream is endless")


def spiking_label_states(trains: xr.Dataset, network_dim: str, network: Any,
                         times: np.ndarray, tau_on: float) -> np.ndarray:
    """The label states (sample, label unit) of one stored network (`spike_trains` layout,
    units = label neurons) at the sample times: on for τ_ref after a spike, as the network's
    other units (`states.sample_states`), the input of `modes.label_modes`."""
    return states.sample_states(spike_trains.network_trains(trains, network_dim, network),
                                tau_on, times)


def sample_grid(burn_in_ms: float, interval_ms: float, n_samples: int) -> np.ndarray:
    """`n_samples` read-out times, one every `interval_ms` after the burn-in."""
    return burn_in_ms + interval_ms * np.arange(1, n_samples + 1)


def sample_times(job: Mapping[str, Any]) -> np.ndarray:
    """One sample every tau_ref after the burn-in (L18: 1e3 samples are 10 s)."""
    return sample_grid(job["burn_in_ms"], job["neuron"]["tau_refrac"], job["n_samples"])


def simulated_ms(job: Mapping[str, Any]) -> float:
    """Length of the NEST run of `lif_samples`: burn-in and the last sample time."""
    return float(sample_times(job)[-1] + 1.0)


def mean_rate(job: Mapping[str, Any], trains: list[np.ndarray]) -> float:
    """Mean firing rate (Hz) of the recorded neurons over the whole run of `lif_samples`."""
    return float(np.mean([t.size for t in trains]) * 1000.0 / simulated_ms(job))


def lif_samples(job: Mapping[str, Any], rbm: RBM, calibration: xr.Dataset,
                held: VisibleClamp | None = None) -> tuple[np.ndarray, list[np.ndarray]]:
    """Samples of the RBM's LIF+STP network in NEST (same W, b as `gibbs_samples`): the
    visible state z read every tau_ref (z_k = 1 for tau_on = tau_ref after a spike), and
    the spike trains of the visible units (pixels, then labels; hidden units are not read,
    so not recorded)."""
    return lif_arm_samples(job, rbm, calibration, {"lif_stp": job["stp"]}, held)["lif_stp"]


# The spiking samplers of every generative comparison (L18 Fig 2c, 3, 4): the network with
# the experiment's STP set, and the same network with renewing synapses (the faithful spiking
# sampler without STP's help, P16 App. V), side by side in one NEST kernel.
LIF_ARMS = {"lif_stp": "stp", "lif_renewing": "stp_renewing"}  # sampler -> slice key


def lif_arms(job: Mapping[str, Any]) -> dict[str, Mapping[str, float]]:
    """The STP set of every spiking sampler of a generative job."""
    return {arm: job[key] for arm, key in LIF_ARMS.items()}


def lif_arm_samples(job: Mapping[str, Any], rbm: RBM, calibration: xr.Dataset,
                    arms: Mapping[str, Mapping[str, float]], held: VisibleClamp | None = None
                    ) -> dict[str, tuple[np.ndarray, list[np.ndarray]]]:
    """`lif_samples` of one network per STP set of `arms` ({sampler: set}), all in one NEST
    kernel (each with its own background), with the same held units and sample times."""
    return network_samples(job, calibration, {arm: (rbm, stp) for arm, stp in arms.items()},
                           held)


def network_samples(job: Mapping[str, Any], calibration: xr.Dataset,
                    networks: Mapping[str, tuple[RBM, Mapping[str, float]]],
                    held: VisibleClamp | None = None
                    ) -> dict[str, tuple[np.ndarray, list[np.ndarray]]]:
    """As `lif_arm_samples` with an RBM of its own for every network ({sampler: (rbm, STP
    set)}): a globally scaled copy (`RBM.weights_scaled`) beside the RBM itself, same
    substrate, same kernel. The RBMs must have the same shape. `held` visible units are held
    for the whole run as job key `pixels` says (`held_units`); their trains are those they
    send."""
    from .. import spiking

    rbms = [rbm for rbm, _ in networks.values()]
    if len({rbm.W.shape for rbm in rbms}) > 1:
        raise ValueError(f"the networks of one kernel need RBMs of one shape, not "
                         f"{sorted({rbm.W.shape for rbm in rbms})}")
    specs = [rbm_network(rbm, job["neuron"], job["noise"], calibration.attrs["alpha_mV"],
                         calibration.attrs["u0_mV"], STPSet.from_config(stp))
             for rbm, stp in networks.values()]
    n_visible, duration = rbms[0].n_visible, simulated_ms(job)
    clamps, sources = ([], None) if held is None else held_units(
        job, held.units, np.asarray(held.values)[None, :], np.array([0.0]), duration)
    recorded = np.arange(n_visible)
    if sources is not None:
        recorded = np.setdiff1d(recorded, sources.units)
    runs = spiking.simulate_networks(specs, duration, job["nest"], job["seeds"]["lif"],
                                     [clamps] * len(specs), recorded=recorded,
                                     sources=[sources] * len(specs))
    if sources is not None:
        runs = [_with_source_trains(trains, recorded, sources, n_visible) for trains in runs]
    times = sample_times(job)
    return {arm: (states.sample_states(trains, job["neuron"]["tau_refrac"], times), trains)
            for arm, trains in zip(networks, runs, strict=True)}


def held_units(job: Mapping[str, Any], units: np.ndarray, values: np.ndarray,
               switches_ms: np.ndarray, end_ms: float) -> tuple[list[Clamp], SpikeSources | None]:
    """`units` held at `values[i]` (state, unit) from `switches_ms[i]` on, as job key
    `pixels` says: ``clamped_neurons``, LIF neurons whose membrane a current shifts by
    +clamp_mV (on) or -clamp_mV (off), so that they fire every τ_ref + dt, in phase after a
    switch, or not at all (free before the first switch); ``spike_sources``, the trains such
    neurons fire (`network.held_unit_trains`) sent through the units' synapses with no
    neurons (nor backgrounds) to simulate (silent before the first switch; a spike at t = 0
    is not delivered: NEST's first step). Both are compared on the same images in
    tests/integration/test_held_pixels_nest.py and benchmarks/held_pixels.py."""
    units, on = np.asarray(units), np.asarray(values) > 0
    if job["pixels"] == "spike_sources":
        period = float(job["neuron"]["tau_refrac"]) + job["nest"]["resolution_ms"]
        return [], SpikeSources(units, held_unit_trains(on, switches_ms, end_ms, period),
                                without_neurons=True)
    amplitude = clamp_current_nA(job["neuron"], job["clamp_mV"])
    return [Clamp(units, np.asarray(switches_ms, float), np.where(on, amplitude, -amplitude))
            ], None


def _with_source_trains(trains: Sequence[np.ndarray], recorded: np.ndarray,
                        sources: SpikeSources, n_visible: int) -> list[np.ndarray]:
    """The trains of every visible unit: the recorded ones and the sources' own."""
    out: list[np.ndarray] = [np.empty(0)] * n_visible
    for unit, train in zip(recorded, trains, strict=True):
        out[unit] = train
    for unit, train in zip(sources.units, sources.trains, strict=True):
        out[unit] = train
    return out


def best_scan_set(scans: Sequence[xr.Dataset]) -> STPSet:
    """The (U0, tau_rec, tau_fac) of L18 Fig 3a's scans with the highest ISL (mean over the
    scans' seeds): chosen on the scans' samples, judged only on other runs and seeds (the
    short runs of Fig 3c, the sampling-fidelity networks)."""
    best, best_isl = None, -np.inf
    for scan in scans:
        name = scan.attrs["scan"]
        other = "tau_fac" if name == "tau_rec" else "tau_rec"
        mean = scan["isl"].mean("seed")
        if not np.isfinite(mean.values).any():
            continue
        i, j = np.unravel_index(int(np.nanargmax(mean.values)), mean.shape)
        if float(mean.values[i, j]) > best_isl:
            best_isl = float(mean.values[i, j])
            params = {"U0": float(scan["U0"].values[i]),
                      f"{name}_ms": float(scan[name].values[j]),
                      f"{other}_ms": float(scan.attrs[f"{other}_ms"])}
            best = STPSet(params["U0"], params["tau_rec_ms"], params["tau_fac_ms"])
    if best is None:
        raise ValueError("no finite ISL in the L18 Fig 3a scans")
    return best


def tsne_map(images: np.ndarray, perplexity: float, seed: int) -> tuple[np.ndarray, float]:
    """2D tSNE coordinates of images (n, pixels) and the perplexity used: scikit-learn's
    Barnes-Hut tSNE with PCA initialisation and a fixed seed (deterministic). The perplexity
    is capped at (n - 1) / 3, so that the 3-perplexity neighbourhoods tSNE builds fit in the
    n points (smoke-scale runs have few)."""
    from sklearn.manifold import TSNE

    perplexity = min(perplexity, (len(images) - 1) / 3)
    return TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed
                ).fit_transform(np.asarray(images, np.float32)), perplexity


def read_rbm(model: str) -> RBM:
    """A trained RBM from its file (results/models/<name>.nc)."""
    return RBM.from_dataset(io.read_dataset(model, ["W", "b_v", "b_h"]))


def read_best_scan_set(scans: Sequence[str]) -> STPSet:
    """`best_scan_set` of the L18 Fig 3a scan files."""
    return best_scan_set([io.read_dataset(f, ["isl"]) for f in scans])
