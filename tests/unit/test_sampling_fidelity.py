"""The sampling-fidelity family without NEST: the best scan set, clamped states, the grid."""
import numpy as np
import pytest
import xarray as xr

from lifsampling.experiments import generative
from lifsampling.experiments import sampling_fidelity as sf
from lifsampling.network import STPSet
from lifsampling.rbm import RBM


def _scan(name: str, isl: np.ndarray, values: list[float], fixed: float) -> xr.Dataset:
    other = "tau_fac" if name == "tau_rec" else "tau_rec"
    return xr.Dataset({"isl": (("seed", "U0", name), isl)},
                      coords={"U0": [0.01, 0.1], name: values},
                      attrs={"scan": name, f"{other}_ms": fixed})


def test_best_scan_set_is_the_highest_mean_isl_of_both_scans():
    rec = _scan("tau_rec", np.array([[[-300.0, -250.0], [-400.0, -420.0]],
                                     [[-310.0, -260.0], [-400.0, -420.0]]]), [10.0, 280.0], 0.0)
    fac = _scan("tau_fac", np.array([[[-270.0, -240.0], [-500.0, -500.0]],
                                     [[-290.0, -280.0], [-500.0, -500.0]]]), [0.0, 100.0], 280.0)
    # means: rec (0.01, 280) -255, fac (0.01, 100) -260 -> the tau_rec scan's point
    assert generative.best_scan_set([rec, fac]) == STPSet(0.01, 280.0, 0.0)
    fac["isl"][:, 0, 1] = -200.0
    assert generative.best_scan_set([rec, fac]) == STPSet(0.01, 280.0, 100.0)


def test_clamped_states_have_labels_and_come_from_the_rbm():
    rng = np.random.default_rng(0)
    rbm = RBM(rng.normal(0, 1, (6, 3)), np.zeros(6), np.zeros(3), n_labels=2)
    images = (rng.random((2, 4)) < 0.5).astype(float)
    v = sf.clamped_visible_states(rbm, images, np.array([1, 0]), 3)
    np.testing.assert_array_equal(v[:, :4], images[[0, 1, 0]])
    np.testing.assert_array_equal(v[:, 4:], [[0, 1], [1, 0], [0, 1]])
    h = sf.clamped_hidden_states(rbm, 5, seed=1)
    assert h.shape == (5, 3) and set(np.unique(h)) <= {0.0, 1.0}
    np.testing.assert_array_equal(h, sf.clamped_hidden_states(rbm, 5, seed=1))


def test_state_windows_hold_each_state_and_skip_its_settling():
    job = {"burn_in_ms": 500.0, "state_ms": 1000.0, "settle_ms": 100.0, "n_states": 3}
    switches, starts, stops = sf.state_windows(job)
    np.testing.assert_allclose(switches, [0.0, 1500.0, 2500.0])
    np.testing.assert_allclose(starts, [600.0, 1600.0, 2600.0])
    np.testing.assert_allclose(stops, [1500.0, 2500.0, 3500.0])


def _run(model: str, stp_set: str, n_pixels: int, gain: float) -> xr.Dataset:
    lead = ("model", "stp_set", "direction")
    per_state = np.full((1, 1, 2, 3), gain) + np.array([-0.1, 0.0, 0.1])
    return xr.Dataset(
        {"slope_per_state": (lead + ("clamped_state",), per_state),
         "offset_per_state": (lead + ("clamped_state",), per_state - gain),
         "weight_gain_per_state": (lead + ("clamped_state",), per_state),
         "gain_offset_per_state": (lead + ("clamped_state",), per_state - gain),
         "on_pixels": (("model", "stp_set", "free_network"), [[[10.0, 12.0]]]),
         "pixel_marginal": (("model", "stp_set", "free_network", "pixel"),
                            np.full((1, 1, 2, n_pixels), 0.3)),
         "stp_parameters": (("stp_set", "stp_parameter"), [[1.0, 0.0, 0.0]])},
        coords={"model": [model], "stp_set": [stp_set], "direction": list(sf.DIRECTIONS),
                "clamped_state": [0, 1, 2], "free_network": [0, 1],
                "pixel": np.arange(n_pixels), "stp_parameter": ["U0", "tau_rec_ms", "tau_fac_ms"]},
        attrs={"title": "one run"})


def _reference(model: str, n_pixels: int) -> xr.Dataset:
    return xr.Dataset({"gibbs_marginal": (("model", "pixel"), np.full((1, n_pixels), 0.1))},
                      coords={"model": [model], "pixel": np.arange(n_pixels)})


def test_aggregate_combines_runs_by_coordinates_whatever_their_order():
    runs = [_run("mnist", "static", 6, 1.5), _run("bars", "renewing", 4, 1.0),
            _run("mnist", "renewing", 6, 1.0), _run("bars", "static", 4, 1.5)]
    refs = [_reference("mnist", 6), _reference("bars", 4)]
    job = {"models": ["bars", "mnist"], "stp_sets": ["static", "renewing"],
           "l18_stp_set": "static"}
    ds = sf.aggregate(job, runs, refs)
    assert list(ds["model"].values) == ["bars", "mnist"]
    assert list(ds["stp_set"].values) == ["static", "renewing"]
    assert ds["weight_gain"].sel(stp_set="static").values == pytest.approx(1.5)
    # t-interval of (g - 0.1, g, g + 0.1): half width t_0.975,2 * 0.1 / sqrt(3)
    half = 4.302652729911275 * 0.1 / np.sqrt(3)
    assert float(ds["weight_gain_high"].sel(model="bars", stp_set="renewing",
                                            direction="hidden_given_visible")) == \
        pytest.approx(1.0 + half)
    # the bars' 4 pixels padded to MNIST's 6 with NaN; their error over their own pixels
    assert np.isnan(ds["pixel_marginal"].sel(model="bars", pixel=5)).all()
    np.testing.assert_allclose(ds["marginal_error"], 0.2)


@pytest.mark.parametrize(("key", "value", "named"), [
    ("stp_sets", ["static", "depressing"], "experiments.sampling_fidelity.stp_sets.1"),
    ("models", ["mnist", "fashion"], "experiments.sampling_fidelity.models.1"),
])
def test_unknown_model_or_synapse_set_is_refused_at_load(repo, tmp_path, key, value, named):
    import yaml

    from lifsampling.config import ConfigError, load_config

    raw = yaml.safe_load((repo / "config.yaml").read_text())
    raw["experiments"]["sampling_fidelity"][key] = value
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(ConfigError, match=f"'{named}'"):
        load_config(path)


def _judged(slopes, offsets, scale="quick"):
    from lifsampling import experiments
    from lifsampling.claims import Interval

    claim = experiments.claim_registry()["fidelity_renewing_conditionals"]
    sf._judge_renewing(claim, {("m", "h"): Interval(*slopes, 4)},
                       {("m", "h"): Interval(*offsets, 4)}, scale)
    return claim.verdict


def test_renewing_check_is_an_equivalence_test():
    assert _judged((1.0, 0.95, 1.05), (0.0, -0.1, 0.1)) == "pass"
    assert _judged((1.0, 0.7, 1.3), (0.0, -0.1, 0.1)) == "not decided at this scale"  # wide
    assert _judged((0.8, 0.75, 0.85), (0.0, -0.1, 0.1)) == "fail"
    assert _judged((1.0, 0.95, 1.05), (0.4, 0.3, 0.5)) == "fail"
    assert _judged((1.0, 0.95, 1.05), (0.0, -0.1, 0.1), "smoke") == "not decided at this scale"
