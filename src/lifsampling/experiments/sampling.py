"""Small LIF networks sampling from random Boltzmann machines: P16 Fig 3 (K = 5) and
L18 Fig 5b-d (K = 4), against the exact distribution and the abstract neural sampler.

A run is one NEST simulation (`sampling_run`); `aggregate` gathers the trials on the shared
BM, the runs on further random BMs (P16 Fig 3D) and the abstract sampler into one Dataset.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from .. import boltzmann, states, translate
from ..abstract import simulate_abstract_sampler
from ..claims import CHECK, Claim, interval
from ..config import jobs
from ..network import STPSet, bm_network

# A sampler without bias has D_KL ~ (2^K - 1) / (2 N) (finite samples): it falls 10x per decade
# of time. Saturation at a non-zero value means a slower fall: D(T) / D(T/10) above 1/10.
UNBIASED_DECADE_RATIO = 0.1
CLAIMS = (
    Claim("p16_fig3_dkl_decreasing", "P16", "3C", "K = 5: D_KL decreases with time",
          "decreasing", "95 % interval of log D_KL(T) / D_KL(1e3 ms) over trials below {bound}",
          0.0, ("quick", "paper")),
    Claim("p16_fig3_dkl_saturates", "P16", "3C", "K = 5: D_KL saturates at a small non-zero "
          "value", "saturates", "95 % interval of D_KL(T) / D_KL(T/10) over trials above "
          "{bound} (the fall of an unbiased sampler)", UNBIASED_DECADE_RATIO),
    Claim("p16_fig3_abstract_lower", "P16", "3C", "abstract model reaches lower D_KL",
          "lower", "95 % interval of log D_KL(LIF) / D_KL(abstract) at T over trials above "
          "{bound}", 0.0, ("quick", "paper")),
    Claim("p16_fig3d_many_bms", "P16", "3D", "small D_KL after 1e6 ms over 100 random BMs",
          "~1e-2", "95 % interval of log10 D_KL over BMs below {bound} (within half a decade "
          "of the paper's 1e-2, or lower)", -1.5),
    Claim("l18_fig5d_dkl_decreasing", "L18", "5d", "4-unit network D_KL decreases with time",
          "decreasing", "95 % interval of log D_KL(T) / D_KL(1e3 ms) over trials below {bound}",
          0.0, ("quick", "paper")),
    Claim("l18_fig5d_abstract_lower", "L18", "5d", "abstract model below the LIF network "
          "(reference)", "lower", "95 % interval of log D_KL(LIF) / D_KL(abstract) at T over "
          "trials above {bound}", 0.0, ("quick", "paper"), table=CHECK),
)
CLAIM_INPUTS = ("p16_fig3", "l18_fig5")


def random_bm_of(job: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The random BM (P16 App. IX) of a job, drawn from its `bm` seed."""
    return boltzmann.random_bm(job["n_units"], job["weight_scale"],
                               np.random.default_rng(job["seeds"]["bm"]))


def sampling_run(job: jobs.SamplingRunJob, calibration: xr.Dataset) -> xr.Dataset:
    """One NEST run of a LIF network sampling a random BM (slice `slices.sampling_run`).

    Returns the spikes, the exact target p_B, the sampled joint p_N after burn-in, over the
    whole run and over the first `joint_ms`, and D_KL(p_N ‖ p_B) on the log time grid
    (P16 Fig 3).
    """
    from .. import spiking

    neuron, noise = job["neuron"], job["noise"]
    alpha, u0 = calibration.attrs["alpha_mV"], calibration.attrs["u0_mV"]
    W, b = random_bm_of(job)
    spec = bm_network(W, b, neuron, noise, alpha, u0, STPSet.from_config(job["stp"]))
    burn, duration = job["burn_in_ms"], job["duration_ms"]
    trains = spiking.simulate_network(spec, burn + duration, job["nest"],
                                      job["seeds"]["background"])
    tau_on = neuron["tau_refrac"]
    p_b = boltzmann.exact_distribution(W, b)
    times = states.dkl_time_grid(duration, job["dkl_time_points"])
    dkl = states.dkl_over_time(trains, tau_on, burn, times, p_b)
    joint_ms = min(job["joint_ms"], duration)
    K = job["n_units"]
    sketch_t, psp, rect = translate.translation_sketch(neuron, noise, alpha)
    units = np.concatenate([np.full(t.size, k) for k, t in enumerate(trains)])
    return xr.Dataset(
        {
            "dkl": ("integration_time", dkl, {"long_name": "D_KL(p_N || p_B)", "units": "nat"}),
            "p_target": ("state", p_b, {"long_name": "p_B(z), exact", "units": "1"}),
            "p_sampled": ("state", states.joint_distribution(trains, tau_on, burn,
                                                             burn + duration),
                          {"long_name": "p_N(z), whole run", "units": "1"}),
            "p_joint_window": ("state", states.joint_distribution(trains, tau_on, burn,
                                                                  burn + joint_ms),
                               {"long_name": f"p_N(z) over the first {joint_ms:g} ms",
                                "units": "1"}),
            "W": (("unit", "unit_pre"), W, {"long_name": "BM weight W_kj", "units": "1"}),
            "b": ("unit", b, {"long_name": "BM bias b_k", "units": "1"}),
            "spike_time": ("spike", np.concatenate(trains),
                           {"long_name": "spike time", "units": "ms"}),
            "spike_unit": ("spike", units, {"long_name": "neuron of the spike"}),
            "psp_translated": ("sketch_time", psp,
                               {"long_name": "PSP of a translated weight W = 1", "units": "mV"}),
            "psp_rectangle": ("sketch_time", rect,
                              {"long_name": "abstract model: alpha W over tau_ref",
                               "units": "mV"}),
        },
        coords={"integration_time": ("integration_time", times,
                                     {"long_name": "integration time after burn-in",
                                      "units": "ms"}),
                "sketch_time": ("sketch_time", sketch_t,
                                {"long_name": "time after the presynaptic spike", "units": "ms"}),
                "state": np.arange(2**K), "unit": np.arange(K), "unit_pre": np.arange(K)},
        attrs={"experiment": job["experiment"], "bm_seed": job["seeds"]["bm"],
               "run_seed": job["seeds"]["background"], "burn_in_ms": burn,
               "alpha_mV": alpha, "u0_mV": u0,
               "title": f"{job['experiment']}: one LIF network run vs its BM"},
    )


def abstract_dkl(job: Mapping[str, Any], seed: int) -> np.ndarray:
    """D_KL over time of the abstract neural sampler (P16 eq. 2) on the job's BM."""
    W, b = random_bm_of(job)
    tau, duration = job["tau_on_ms"], job["duration_ms"]
    trains = simulate_abstract_sampler(W, b, tau, duration, np.random.default_rng(seed))
    times = states.dkl_time_grid(duration, job["dkl_time_points"])
    return states.dkl_over_time(trains, tau, 0.0, times, boltzmann.exact_distribution(W, b))


def aggregate(job: jobs.SamplingAggregateJob, trials: Sequence[xr.Dataset],
              bms: Sequence[xr.Dataset]) -> xr.Dataset:
    """One Dataset per experiment (slice `slices.sampling_aggregate`): D_KL curves
    (trial, integration_time), joints (trial, state), the abstract sampler's curves, the
    final D_KL per random BM."""
    abstract = np.stack([abstract_dkl(job, s) for s in job["seeds"]["abstract"]])
    trial = xr.concat([t.drop_vars(["spike_time", "spike_unit"]) for t in trials], dim="trial")
    first = trials[0]
    out = xr.Dataset(
        {
            "dkl": trial["dkl"],
            "p_target": first["p_target"],
            "p_joint_window": trial["p_joint_window"],
            "p_sampled": trial["p_sampled"],
            "dkl_abstract": (("abstract_trial", "integration_time"), abstract,
                             {"long_name": "D_KL, abstract neural sampler (P16 eq. 2)",
                              "units": "nat"}),
            "raster_time": ("spike", first["spike_time"].values,
                            {"long_name": "spike time, trial 0", "units": "ms"}),
            "raster_unit": ("spike", first["spike_unit"].values,
                            {"long_name": "neuron of the spike, trial 0"}),
            "psp_translated": first["psp_translated"],
            "psp_rectangle": first["psp_rectangle"],
        },
        attrs={**first.attrs, "title": f"{job['experiment']}: LIF sampling over trials"},
    )
    if bms:
        out["dkl_bm"] = (("bm",), [float(ds["dkl"].values[-1]) for ds in bms],
                         {"long_name": "final D_KL per random BM", "units": "nat"})
        out["dkl_bm_curve"] = (("bm", "bm_time"), np.stack([ds["dkl"].values for ds in bms]),
                               {"long_name": "D_KL(p_N || p_B) per random BM", "units": "nat"})
        out = out.assign_coords(bm_time=("bm_time", bms[0]["integration_time"].values,
                                         {"long_name": "integration time of the BM runs",
                                          "units": "ms"}))
    return out


def _judge_convergence(claims: dict[str, Claim], ds: xr.Dataset, prefix: str,
                       scale: str) -> None:
    """Per trial: the fall of D_KL from 1e3 ms to T, LIF against the abstract sampler, and
    (P16) the fall over the last decade; each claim from the interval over trials."""
    dkl = ds["dkl"].values  # (trial, integration_time)
    t = ds["integration_time"].values
    log_fall = np.log(dkl[:, -1] / dkl[:, np.searchsorted(t, 1000.0)])
    c = claims[f"{prefix}_dkl_decreasing"]
    iv = interval(log_fall)
    c.judge_interval(f"D_KL(T) / D_KL(1e3 ms) = exp({iv.text('.2f')}), median final "
                     f"{np.median(dkl[:, -1]):.3g} at T = {t[-1]:g} ms", iv, c.bound, "below",
                     scale)
    abstract = ds["dkl_abstract"].values[:, -1]
    n = min(abstract.size, dkl.shape[0])  # trial i against abstract trial i (independent)
    iv = interval(np.log(dkl[:n, -1] / abstract[:n]))
    c = claims[f"{prefix}_abstract_lower"]
    c.judge_interval(f"median D_KL abstract {np.median(abstract):.3g} vs LIF "
                     f"{np.median(dkl[:, -1]):.3g}; log ratio {iv.text('.2f')}", iv, c.bound,
                     "above", scale)
    if f"{prefix}_dkl_saturates" in claims:
        c = claims[f"{prefix}_dkl_saturates"]
        ratio = dkl[:, -1] / dkl[:, np.searchsorted(t, t[-1] / 10)]
        iv = interval(ratio)
        c.judge_interval(f"D_KL(T) / D_KL(T/10) = {iv.text('.2f')}", iv, c.bound, "above",
                         scale)


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Convergence of P16 Fig 3 and L18 Fig 5d, the abstract sampler, many random BMs."""
    fig3 = datasets["p16_fig3"]
    _judge_convergence(claims, fig3, "p16_fig3", scale)
    if "dkl_bm" in fig3:
        c = claims["p16_fig3d_many_bms"]
        iv = interval(np.log10(fig3["dkl_bm"].values))
        c.judge_interval(f"log10 D_KL = {iv.text('.2f')} over BMs after "
                         f"{float(fig3['bm_time'][-1]):g} ms (median "
                         f"{float(np.median(fig3['dkl_bm'])):.3g})", iv, c.bound, "below", scale)
    _judge_convergence(claims, datasets["l18_fig5"], "l18_fig5d", scale)
