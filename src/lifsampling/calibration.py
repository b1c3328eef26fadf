"""Activation functions of single LIF neurons in the HCS, measured in NEST (P16 App. VIII).

For each target mean ū of the free membrane, `n_runs` independent neurons are simulated;
p(z = 1) = N_spikes τ_ref / T for each (P16 eq. 72), mean and standard deviation over runs
(eq. 73). The abscissa is the free-membrane mean measured on a twin neuron with the threshold
lifted. A logistic σ((ū - ū₀)/α) fitted to the means gives the α and ū₀ of the BM → LIF
translation (P16 eq. 9). `activation_predictions` sets P16's theory (eqs. 46-61) and the two
older predictions beside a measured sweep (P16 Fig 2B, D; App. XI for the other sets).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import xarray as xr
from scipy.optimize import curve_fit

from . import activation_theory as at
from . import membrane
from .claims import jackknife_interval
from .config import jobs

# (alpha, u0) of two calibration sets as the calibration rule measures them at `quick` scale
# (2026-12-01). Only for tests and benchmarks that build networks without calibrating first;
# the workflow always reads its own calibration files.
MEASURED_ACTIVATION = {
    "p16_coba": {"alpha_mV": 1.843, "u0_mV": -53.67},
    "l18_cuba": {"alpha_mV": 2.09, "u0_mV": -51.84},
}


def measured_calibration(calibration_set: str) -> xr.Dataset:
    """A stand-in for a calibration file: `MEASURED_ACTIVATION[calibration_set]` as attributes."""
    return xr.Dataset(attrs=dict(MEASURED_ACTIVATION[calibration_set]))


def logistic(u: np.ndarray, u0: float, alpha: float) -> np.ndarray:
    """σ((u - u0)/α) (P16 eq. 9 with the abstract model's σ)."""
    return 1.0 / (1.0 + np.exp(-(np.asarray(u) - u0) / alpha))


def fit_logistic(u: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """Least-squares (ū₀, α) of σ((u - ū₀)/α) to the points (u, p)."""
    u, p = np.asarray(u, float), np.asarray(p, float)
    start = (float(u[np.argmin(np.abs(p - 0.5))]), 2.0)
    (u0, alpha), _ = curve_fit(logistic, u, p, p0=start)
    return float(u0), float(alpha)


def sweep_values(neuron: Mapping[str, Any], noise: Mapping[str, float],
                 means: np.ndarray) -> tuple[str, np.ndarray]:
    """The neuron parameter and its values that set the free-membrane means `means`.

    CUBA: the leak potential, shifted by the (zero for balanced noise) noise mean.
    COBA: the external current of P16 eq. 75.
    """
    if neuron["model"] == "IF_curr_exp":
        offset = membrane.cuba_free_membrane(neuron, noise).mean - neuron["v_rest"]
        return "v_rest", means - offset
    return "i_offset", np.array([membrane.coba_current_for_mean(neuron, noise, m)
                                 for m in means])


def predicted_free_membrane(neuron: Mapping[str, Any], noise: Mapping[str, float],
                            parameter: str, value: float) -> membrane.FreeMembrane:
    if parameter == "v_rest":
        return membrane.cuba_free_membrane(neuron, noise, v_rest=value)
    return membrane.coba_free_membrane(neuron, noise, i_ext_nA=value)


def calibrate(job: jobs.CalibrateJob) -> xr.Dataset:
    """Run one activation sweep and fit the logistic (slice `slices.calibrate`: the neuron,
    its noise, the grid of target means, runs, duration, NEST settings, seed; with
    `simulator` and `resolution_ms`, `parameter_sets.simulator_calibration_slice`: the same
    sweep through PyNN's standard API on that simulator)."""
    from . import spiking

    neuron, noise, duration = job["neuron"], job["noise"], job["duration_ms"]
    grid = job["mean_mV"]
    means = np.linspace(grid["start"], grid["stop"], grid["n"])
    parameter, values = sweep_values(neuron, noise, means)
    seed = job["seeds"][f"calibrate_{job['set']}"]
    if "simulator" in job:  # PyNN's standard API on the named simulator and time step
        out = spiking.simulate_activation_portable(job["simulator"], neuron, noise, parameter,
                                                   values, job["n_runs"], duration,
                                                   job["resolution_ms"], seed)
    else:
        out = spiking.simulate_activation(neuron, noise, parameter, values, job["n_runs"],
                                          duration, job["nest"], seed)
    p_on = out["spike_counts"] * neuron["tau_refrac"] / duration
    u0, alpha = fit_logistic(out["free_mean"], p_on.mean(axis=1))
    fitted = logistic(out["free_mean"], u0, alpha)
    theory = [predicted_free_membrane(neuron, noise, parameter, v) for v in values]
    return xr.Dataset(
        {
            "p_on": (("u_target", "run"), p_on,
                     {"long_name": "p(z=1) = N_spikes tau_ref / T (P16 eq. 72)", "units": "1"}),
            "p_mean": (("u_target",), p_on.mean(axis=1),
                       {"long_name": "p(z=1), mean over runs", "units": "1"}),
            "p_std": (("u_target",), p_on.std(axis=1, ddof=1),
                      {"long_name": "std over runs (P16 eq. 73)", "units": "1"}),
            "u_free": (("u_target",), out["free_mean"],
                       {"long_name": "free membrane mean, threshold lifted", "units": "mV"}),
            "u_free_std": (("u_target",), out["free_std"],
                           {"long_name": "free membrane std, threshold lifted", "units": "mV"}),
            "u_theory_std": (("u_target",), [t.std for t in theory],
                             {"long_name": "free membrane std, OU theory", "units": "mV"}),
            "sweep_value": (("u_target",), values,
                            {"long_name": parameter, "units": "mV" if parameter == "v_rest"
                             else "nA"}),
            "p_logistic": (("u_target",), fitted, {"long_name": "fitted logistic",
                                                   "units": "1"}),
        },
        coords={"u_target": ("u_target", means, {"units": "mV",
                                                  "long_name": "target free-membrane mean"}),
                "run": np.arange(job["n_runs"])},
        attrs={"set": job["set"], "alpha_mV": alpha, "u0_mV": u0,
               "simulator": job.get("simulator", "nest (native devices)"),
               "resolution_ms": job["resolution_ms"] if "simulator" in job
               else job["nest"]["resolution_ms"],
               "max_logistic_deviation": float(np.max(np.abs(fitted - p_on.mean(axis=1)))),
               "duration_ms": duration, "sweep_parameter": parameter,
               "title": f"Activation function of {job['set']} (P16 App. VIII)"},
    )


def activation_predictions(job: Mapping[str, Any], calibration: xr.Dataset,
                           n_grid: int = 121) -> xr.Dataset:
    """P16 Fig 2B/D: the P16 theory, the two literature predictions and the logistic fit,
    on a dense grid and at the simulated points, with RMS errors against the simulation.

    The simulated points are indexed by their swept target mean (`u_target`); the measured
    free-membrane mean `u_sim` is a variable on it (a measured value is never a coordinate)."""
    neuron = at.hcs_neuron(job["neuron"], job["noise"])
    u_sim, p_sim = calibration["u_free"].values, calibration["p_mean"].values
    u_target = calibration["u_target"].values  # the swept means span the grid, not measured ones
    grid = np.linspace(u_target.min(), u_target.max(), n_grid)
    theories = {
        "p16": lambda u: at.p16_activation(u, neuron),
        "brunel_sergi": lambda u: at.brunel_sergi_activation(u, neuron),
        "quasistatic": lambda u: at.quasistatic_activation(u, neuron),
        "logistic": lambda u: logistic(u, calibration.attrs["u0_mV"],
                                       calibration.attrs["alpha_mV"]),
    }
    data, attrs = {}, {}
    for name, f in theories.items():
        data[name] = ("u", f(grid), {"long_name": f"p(z=1), {name}", "units": "1"})
        at_points = f(u_sim)
        data[f"{name}_at_sim"] = ("u_target", at_points,
                                  {"long_name": f"p(z=1), {name}, at the simulated points",
                                   "units": "1"})
        attrs[f"rms_{name}"] = float(np.sqrt(np.mean((at_points - p_sim) ** 2)))
        iv = jackknife_interval(
            lambda p, at_points=at_points: float(np.sqrt(np.mean((at_points - p.mean(axis=1))
                                                                 ** 2))),
            calibration["p_on"].values)
        attrs[f"rms_{name}_low"], attrs[f"rms_{name}_high"] = iv.low, iv.high
        attrs[f"max_dev_{name}"] = float(np.max(np.abs(at_points - p_sim)))
    data["p_sim"] = ("u_target", p_sim,
                     {"long_name": "p(z=1), NEST, mean over runs", "units": "1"})
    data["p_sim_std"] = ("u_target", calibration["p_std"].values,
                         {"long_name": "p(z=1), NEST, std over runs", "units": "1"})
    data["u_sim"] = ("u_target", u_sim, {"long_name": "free membrane mean, simulated points "
                                                      "(measured)", "units": "mV"})
    return xr.Dataset(
        data,
        coords={"u": ("u", grid, {"long_name": "free membrane mean", "units": "mV"}),
                "u_target": ("u_target", calibration["u_target"].values,
                             calibration["u_target"].attrs)},
        attrs={**attrs, "tau_eff_ms": neuron.tau_eff, "std_mV": neuron.std, "set": job["set"],
               "title": "P16 Fig 2B, D: activation function, theories and simulation"})


def midpoints_per_run(calibration: xr.Dataset) -> np.ndarray:
    """ū₀ of a logistic fitted to each run's activation function separately."""
    u = calibration["u_free"].values
    return np.array([fit_logistic(u, calibration["p_on"].values[:, r])[0]
                     for r in range(calibration.sizes["run"])])
