"""Aggregates combine their runs by coordinates, never by position in the input list."""
import re

import numpy as np
import pytest
import xarray as xr

from lifsampling.experiments import l18_fig2_grid


def _chunk(tau_fac: float, seed: int) -> xr.Dataset:
    """A stand-in for one L18 Fig 2b chunk: values that encode (tau_fac, seed, U0, tau_rec)."""
    U0, tau_rec, n_states = [0.1, 1.0], [10.0, 30.0, 50.0], 4
    dkl = (1000 * seed + tau_fac + np.add.outer(np.array(U0), np.array(tau_rec) / 100))
    p = np.full((len(U0), len(tau_rec), n_states), 1 / n_states) + seed + tau_fac
    return xr.Dataset(
        {"dkl": (("U0", "tau_rec"), dkl, {"long_name": "D_KL", "units": "nat"}),
         "dkl_static": ((), 7.0 + seed),
         "p_sampled": (("U0", "tau_rec", "state"), p),
         "p_static": ("state", np.full(n_states, 0.25 + seed)),
         "p_target": ("state", np.full(n_states, 0.25))},
        coords={"U0": U0, "tau_rec": tau_rec, "tau_fac": ((), tau_fac), "seed": ((), seed),
                "state": np.arange(n_states)})


def test_stp_grid_combines_chunks_by_coordinates_in_any_order():
    job = {"n_seeds": 2, "tau_fac_ms": [0.0, 20.0]}
    chunks = [_chunk(tf, s) for tf in job["tau_fac_ms"] for s in range(job["n_seeds"])]
    ordered = l18_fig2_grid.aggregate(job, chunks)
    shuffled = l18_fig2_grid.aggregate(job, [chunks[i] for i in (3, 0, 2, 1)])
    xr.testing.assert_identical(ordered, shuffled)
    assert ordered["dkl"].dims == ("seed", "tau_fac", "U0", "tau_rec")
    assert ordered["dkl"].attrs == {"long_name": "D_KL", "units": "nat"}
    # every value sits at its own coordinates
    cell = ordered["dkl"].sel(seed=1, tau_fac=20.0, U0=0.1, tau_rec=30.0)
    assert float(cell) == 1000 + 20.0 + 0.1 + 0.3
    assert ordered["p_sampled_seed0"].dims == ("tau_fac", "U0", "tau_rec", "state")
    np.testing.assert_allclose(ordered["p_static"].sel(seed=1), 1.25)
    np.testing.assert_allclose(ordered["dkl_static"].values, [7.0, 8.0])


def _fig4_run(variant: str, scale: float, run: int) -> xr.Dataset:
    """A stand-in for one P16 Fig 4 run: two shown units whose spikes encode its cell."""
    from lifsampling import spike_trains

    shown = [500.0 + np.arange(run + 1) * 40.0, 520.0 + np.arange(int(scale * 10)) * 30.0]
    trains = spike_trains.trains_dataset([shown], "network", [0]).isel(network=0, drop=True)
    return xr.Dataset(
        {"rate": ("unit", [float(run), scale]),
         "raster_time": ("spike", np.arange(run + 1, dtype=float), {"long_name": "spike time"}),
         "raster_unit": ("spike", np.zeros(run + 1), {"long_name": "neuron of the spike"}),
         "recurrent_over_background": ((), scale), "fixed_point": ((), 1)},
        attrs={"variant": variant, "weight_scale": scale, "run_index": run, "burn_in_ms": 500.0,
               "duration_ms": 1000.0, "tau_on_ms": 10.0}
    ).merge(trains.rename({v: f"shown_{v}" for v in ("spike_count", "spike_time", "unit",
                                                     "spike")}))


def test_p16_fig4_places_runs_by_their_own_coordinates():
    from lifsampling.experiments import p16_fig4

    job = {"variants": ["coba_background", "cuba"], "weight_scales": [0.6, 2.4], "n_runs": 2,
           "judged_variant": "coba_background", "dkl_time_points": 3}
    runs = [_fig4_run(v, w, r) for v in job["variants"] for w in job["weight_scales"]
            for r in range(2)]
    refs = [xr.Dataset({"p_reference": ("state", np.full(4, 0.25))}, attrs={"weight_scale": w})
            for w in job["weight_scales"]]
    ordered = p16_fig4.aggregate(job, refs, runs)
    shuffled = p16_fig4.aggregate(job, refs[::-1], runs[::-1])
    xr.testing.assert_identical(ordered, shuffled)
    rate = ordered["rate"].sel(variant="cuba", weight_scale=2.4, run=1)
    assert rate.values.tolist() == [1.0, 2.4]
    # the joint of the shown units read from the run's own trains: run 1 of scale 2.4 has
    # 2 spikes of unit 0 and 24 of unit 1, each on for 10 ms of the 1000 ms
    p = ordered["p_sampled"].sel(variant="cuba", weight_scale=2.4, run=1)
    assert p.sizes["state"] == 4 and float(p.sum()) == pytest.approx(1.0)
    assert ordered["dkl"].sizes["integration_time"] == 3
    assert ordered["integration_time"].attrs["units"] == "ms"
    assert float(ordered["integration_time"][-1]) == pytest.approx(1000.0)
    with pytest.raises(ValueError, match=re.escape("('coba_background', 0.6, 0)")):
        p16_fig4.aggregate(job, refs, runs[1:])


def test_runs_stack_by_their_seed_coordinate_and_a_missing_one_is_named():
    from lifsampling.grids import stack_by_coordinate

    runs = [xr.Dataset({"balance": ((), 0.1 * s)}, coords={"seed": s}) for s in (2, 0, 1)]
    ds = stack_by_coordinate(runs, "seed", range(3))
    np.testing.assert_array_equal(ds["seed"], [0, 1, 2])
    np.testing.assert_allclose(ds["balance"], [0.0, 0.1, 0.2])
    with pytest.raises(ValueError, match=re.escape("runs of seed [0, 2], expected [0, 1, 2]")):
        stack_by_coordinate([runs[0], runs[1]], "seed", range(3))
    with pytest.raises(ValueError, match="once each"):
        stack_by_coordinate([*runs, runs[0]], "seed", range(3))


def test_fig4_aggregate_places_runs_by_seed_and_keeps_seed_0_images():
    from lifsampling.experiments import l18_fig4

    def run(seed: int) -> xr.Dataset:
        return xr.Dataset({"balance": (("sampler",), np.full(2, float(seed))),
                           "shown_image": (("shown", "pixel"), np.full((2, 3), seed))},
                          coords={"sampler": ["gibbs", "ast"], "seed": ((), seed)},
                          attrs={"model": "completion"})

    ds = l18_fig4.aggregate({"n_seeds": 3}, [run(2), run(0), run(1)])
    np.testing.assert_allclose(ds["balance"].sel(sampler="gibbs"), [0.0, 1.0, 2.0])
    assert (ds["shown_image"] == 0).all() and "seed" not in ds["shown_image"].coords


def test_p16_fig7_sets_are_placed_by_the_set_they_carry():
    """Each set's stored trains are read against the shared BMs and placed by the set's own
    name, the default first; a set whose unit 0 never fires is farther from every BM."""
    from lifsampling import spike_trains
    from lifsampling.experiments import parameter_sets

    def run(name: str, value: float) -> xr.Dataset:
        rng = np.random.default_rng(int(value))
        trains = [[np.sort(rng.uniform(500.0, 2500.0, n)) for n in (0 if value == 3.0 else 60,
                                                                    60)]
                  for _ in range(2)]
        return spike_trains.trains_dataset(trains, "bm", [0, 1]).assign_attrs(
            set=name, alpha_mV=value, u0_mV=-50.0, tau_on_ms=10.0, burn_in_ms=500.0,
            duration_ms=2000.0)

    job = {"calibration_sets": ["p16_coba", "p16_wide_reset", "p16_low_rate"], "n_units": 2,
           "weight_scale": 1.0, "seeds": {"bms": [1, 2]}, "dkl_time_points": 3}
    ds = parameter_sets.fig7_aggregate(job, [run("p16_low_rate", 3.0), run("p16_coba", 1.0),
                                             run("p16_wide_reset", 2.0)])
    assert list(ds["calibration_set"].values) == job["calibration_sets"]  # the default first
    np.testing.assert_allclose(ds["alpha"], [1.0, 2.0, 3.0])
    assert ds["dkl"].dims == ("calibration_set", "bm", "integration_time")
    final = ds["dkl_final"].mean("bm")
    assert final.idxmax("calibration_set").item() == "p16_low_rate"
    with pytest.raises(ValueError, match="once each"):
        parameter_sets.fig7_aggregate(job, [run("p16_coba", 1.0), run("p16_coba", 1.0),
                                            run("p16_low_rate", 3.0)])
