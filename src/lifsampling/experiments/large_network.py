"""P16 Fig 4: K = 500 LIF networks for three weight scales, the joint of 5 shown units against
a Gibbs reference of the same BM (too large to enumerate).

`reference` (Gibbs) and `run` (NEST) are independent jobs: a run stores the sampled joint of
the shown units over time, and `aggregate` compares it with the reference, so a change of the
reference's length re-runs no simulation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import xarray as xr

from .. import boltzmann, states
from ..claims import Claim, interval
from ..network import STPSet, bm_network
from ..samplers import gibbs_marginal_reference

CLAIMS = (
    Claim("p16_fig4_dkl_grows", "P16", "4", "K = 500: D_KL grows with the weight scale "
          "0.6 / 1.2 / 2.4", "grows", "95 % interval over runs of log D_KL(next scale) / "
          "D_KL(scale) above 0, for each step", None, ("quick", "paper")),
)
CLAIM_INPUTS = ("p16_fig4",)
RASTER_UNITS, RASTER_MS = 50, 2000.0  # raster panel: first 50 neurons, 2 s after burn-in


def large_bm(job: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """The K-unit BM of one weight scale, drawn from the job's `bm` seed.

    Every scale has the same `bm` seed, so the scales share one draw of the Beta variates
    and of b: W(s) = s (B - 0.5), one BM family rescaled (P16 Fig 4), and the trend over s
    carries no BM-to-BM variance."""
    return boltzmann.random_bm_separate_scales(job["n_units"], job["weight_scale"],
                                               job["bias_scale"],
                                               np.random.default_rng(job["seeds"]["bm"]))


def reference(job: Mapping[str, Any]) -> xr.Dataset:
    """Gibbs estimate of the shown units' joint (slice `slices.p16_fig4_reference`)."""
    W, b = large_bm(job)
    rng = np.random.default_rng(job["seeds"]["gibbs"])
    ref = gibbs_marginal_reference(W, b, job["shown_units"], job["gibbs_chains"],
                                   job["gibbs_sweeps"], rng)
    return xr.Dataset(
        {"p_reference": ("state", ref, {"long_name": "Gibbs estimate of the shown units' joint "
                                                     "(+1/2 pseudo-count)", "units": "1"})},
        coords={"state": np.arange(ref.size)},
        attrs={"weight_scale": job["weight_scale"],
               "n_samples": job["gibbs_sweeps"] * job["gibbs_chains"],
               "title": "P16 Fig 4: Gibbs reference of the shown units"})


def run(job: Mapping[str, Any], calibration: xr.Dataset) -> xr.Dataset:
    """One NEST run of the K = 500 network (slice `slices.p16_fig4_run`): the shown units'
    joint over integration time, rates, a raster of the first neurons."""
    from .. import spiking

    neuron, noise = job["neuron"], job["noise"]
    W, b = large_bm(job)
    spec = bm_network(W, b, neuron, noise, calibration.attrs["alpha_mV"],
                      calibration.attrs["u0_mV"], STPSet.from_config(job["stp"]))
    burn, duration = job["burn_in_ms"], job["duration_ms"]
    trains = spiking.simulate_network(spec, burn + duration, job["nest"], job["seeds"]["run"])
    shown = [trains[k] for k in job["shown_units"]]
    times = states.dkl_time_grid(duration, job["dkl_time_points"])
    joints = states.joint_over_time(shown, neuron["tau_refrac"], burn, times)
    raster = [(t, k) for k, train in enumerate(trains[:RASTER_UNITS]) for t in train
              if t < burn + RASTER_MS]
    raster_t, raster_k = (np.array(x) for x in zip(*raster, strict=True)) if raster else (
        np.empty(0), np.empty(0, int))
    return xr.Dataset(
        {
            "p_over_time": (("integration_time", "state"), joints,
                            {"long_name": "p_N(z) of the shown units after T", "units": "1"}),
            "rate": ("unit", [t.size / (burn + duration) * 1000 for t in trains],
                     {"long_name": "firing rate", "units": "Hz"}),
            "raster_time": ("spike", raster_t, {"long_name": "spike time", "units": "ms"}),
            "raster_unit": ("spike", raster_k, {"long_name": "neuron of the spike"}),
        },
        coords={"integration_time": ("integration_time", times,
                                     {"long_name": "integration time after burn-in",
                                      "units": "ms"}),
                "state": np.arange(joints.shape[1])},
        attrs={"weight_scale": job["weight_scale"], "bm_seed": job["seeds"]["bm"],
               "run_seed": job["seeds"]["run"], "burn_in_ms": burn,
               "title": "P16 Fig 4: one K = 500 network run"},
    )


def aggregate(job: Mapping[str, Any], references: Sequence[xr.Dataset],
              runs: Sequence[xr.Dataset]) -> xr.Dataset:
    """Runs (ordered weight scale, then run) and references as one Dataset: dims
    (weight_scale, run, integration_time, state); D_KL(p_N ‖ p_Gibbs) computed here."""
    n_runs, scales = job["n_runs"], job["weight_scales"]
    if len(references) != len(scales) or len(runs) != n_runs * len(scales):
        raise ValueError(f"{len(references)} references and {len(runs)} runs for "
                         f"{len(scales)} weight scales x {n_runs} runs")
    per_scale = [runs[i * n_runs:(i + 1) * n_runs] for i in range(len(scales))]
    p_ref = xr.concat([r["p_reference"] for r in references], dim="weight_scale")
    joints = xr.concat([xr.concat([r["p_over_time"] for r in group], dim="run")
                        for group in per_scale], dim="weight_scale")
    dkl = np.array([[[boltzmann.kl_divergence(p, p_ref.values[i]) for p in run_joints]
                     for run_joints in scale_joints]
                    for i, scale_joints in enumerate(joints.values)])
    rates = xr.concat([xr.concat([r["rate"] for r in group], dim="run") for group in per_scale],
                      dim="weight_scale")
    ds = xr.Dataset(
        {"p_reference": p_ref,
         "p_sampled": joints.isel(integration_time=-1, drop=True).assign_attrs(
             long_name="p_N(z) of the shown units, whole run"),
         "dkl": (("weight_scale", "run", "integration_time"), dkl,
                 {"long_name": "D_KL(p_N || p_Gibbs) of the shown units", "units": "nat"}),
         "rate": rates},
        coords={"weight_scale": ("weight_scale", list(scales),
                                 {"long_name": "weight scale s of W ~ s (Beta(0.5,0.5) - 0.5)",
                                  "units": "1"}),
                "run": np.arange(n_runs),
                "integration_time": runs[0]["integration_time"]})
    # rasters (run 0) differ in length: padded with NaN along `spike`
    for var in ("raster_time", "raster_unit"):
        parts = [g[0][var].astype(float).assign_coords(spike=np.arange(g[0].sizes["spike"]))
                 for g in per_scale]
        ds[var] = xr.concat(parts, dim="weight_scale", join="outer", fill_value=float("nan"))
        ds[var].attrs = {**per_scale[0][0][var].attrs, "long_name":
                         f"{per_scale[0][0][var].attrs['long_name']}, run 0"}
    ds.attrs = {"title": "P16 Fig 4: K = 500 LIF networks vs Gibbs reference",
                "burn_in_ms": runs[0].attrs["burn_in_ms"]}
    return ds


def judge_claims(claims: dict[str, Claim], datasets: Mapping[str, xr.Dataset],
                 scale: str) -> None:
    """Final D_KL per weight scale; run r of every scale shares the BM family (one draw,
    rescaled), so steps between scales are compared run by run."""
    fig4 = datasets["p16_fig4"]
    final = fig4["dkl"].isel(integration_time=-1).transpose("weight_scale", "run").values
    scales = fig4["weight_scale"].values
    steps = {f"{a:g} -> {b:g}": interval(np.log(final[i + 1] / final[i]))
             for i, (a, b) in enumerate(zip(scales[:-1], scales[1:], strict=True))}
    text = ", ".join(f"{s:g}: {v:.3g}" for s, v in zip(scales, final.mean(axis=1), strict=True))
    claims["p16_fig4_dkl_grows"].judge_intervals(
        f"mean final D_KL {text}; log steps " + ", ".join(
            f"{k} {iv.text('.2f')}" for k, iv in steps.items()), steps, 0.0, "above", scale)
