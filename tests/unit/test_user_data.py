"""Your own data: user datasets and BMs are read and checked at config load, and every bad file
is refused with the config key, the file and the problem."""
import copy
import hashlib
import shutil

import numpy as np
import pytest
import yaml

from lifsampling import user_data
from lifsampling.config import REPO_ROOT, ConfigError
from lifsampling.config import validate_config as validate_schema


def validate_config(raw: dict) -> dict:
    """The workflow's load: the schema and cross-references, then your files (common.smk)."""
    valid = validate_schema(raw)
    user_data.check_user_entries(valid, REPO_ROOT)
    return valid


@pytest.fixture(scope="module")
def raw(repo):
    return yaml.safe_load((repo / "config.yaml").read_text())


@pytest.fixture(scope="module")
def examples(repo):
    return yaml.safe_load((repo / "docs" / "your_own_data.yaml").read_text())


def _config(raw, examples, **entries):
    cfg = copy.deepcopy(raw)
    cfg["datasets"] = entries.get("datasets", copy.deepcopy(examples["datasets"]))
    cfg["boltzmann_machines"] = entries.get("boltzmann_machines",
                                            copy.deepcopy(examples["boltzmann_machines"]))
    return cfg


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_example_entries_load_as_made(raw, examples, repo):
    cfg = validate_config(_config(raw, examples))
    patterns, labels = user_data.load_dataset(
        "datasets.example_stripes", cfg["datasets"]["example_stripes"], repo)
    assert patterns.shape == (10, 25) and patterns.dtype == np.uint8
    assert patterns.sum(axis=1).tolist() == [5] * 10  # one full row or column each
    assert labels.tolist() == [0] * 5 + [1] * 5
    W, b = user_data.load_bm("boltzmann_machines.example_two_groups",
                             cfg["boltzmann_machines"]["example_two_groups"], repo)
    assert W.shape == (6, 6) and np.array_equal(W, W.T) and b.tolist() == [-1.5] * 6


def _dataset_entry(tmp_path, name, patterns, labels=None, **extra):
    path = tmp_path / name
    if name.endswith(".npz"):
        arrays = {"patterns": patterns} | ({"labels": labels} if labels is not None else {})
        np.savez(path, **arrays)
    elif name.endswith(".csv"):
        np.savetxt(path, patterns, fmt="%g", delimiter=",")
    else:
        np.save(path, patterns)
    return {"file": str(path), "sha256": _sha(path), "shape": [patterns.shape[1]], **extra}


def _bm_entry(tmp_path, W, b):
    path = tmp_path / "bm.npz"
    np.savez(path, W=W, b=b)
    return {"file": str(path), "sha256": _sha(path)}


GOOD = np.array([[0, 1, 1, 0], [1, 0, 0, 1]])


@pytest.mark.parametrize("case", ["missing file", "wrong checksum", "non-binary values",
                                  "wrong shape", "labels out of range", "no labels array",
                                  "unreadable format"])
def test_a_bad_dataset_is_refused_naming_file_and_problem(raw, examples, tmp_path, case):
    entry = _dataset_entry(tmp_path, "patterns.npz", GOOD, np.array([0, 1]), n_labels=2)
    expected = {"missing file": "does not exist", "wrong checksum": "has SHA-256",
                "non-binary values": "is not binary", "wrong shape": "not 9 pixels",
                "labels out of range": "range over", "no labels array": "has no labels",
                "unreadable format": "unknown format"}[case]
    if case == "missing file":
        entry["file"] = str(tmp_path / "nowhere.npz")
    elif case == "wrong checksum":
        entry["sha256"] = "0" * 64
    elif case == "non-binary values":
        entry = _dataset_entry(tmp_path, "grey.npz", GOOD * 0.5, np.array([0, 1]), n_labels=2)
    elif case == "wrong shape":
        entry["shape"] = [3, 3]
    elif case == "labels out of range":
        entry = _dataset_entry(tmp_path, "labels.npz", GOOD, np.array([0, 2]), n_labels=2)
    elif case == "no labels array":
        entry = _dataset_entry(tmp_path, "nolabels.npz", GOOD, n_labels=2)
    elif case == "unreadable format":
        shutil.copy(tmp_path / "patterns.npz", tmp_path / "patterns.dat")
        entry["file"] = str(tmp_path / "patterns.dat")
    with pytest.raises(ConfigError, match=expected) as err:
        validate_config(_config(raw, examples, datasets={"mine": entry}))
    assert "datasets.mine" in str(err.value)
    if case != "missing file":
        assert str(tmp_path) in str(err.value)  # the file is named


@pytest.mark.parametrize("case", ["asymmetric W", "non-zero diagonal", "b of wrong length",
                                  "too many units", "wrong checksum", "missing file"])
def test_a_bad_bm_is_refused_naming_file_and_problem(raw, examples, tmp_path, case):
    W = np.array([[0.0, 1.0, -0.5], [1.0, 0.0, 0.2], [-0.5, 0.2, 0.0]])
    b = np.array([0.1, -0.2, 0.3])
    expected = {"asymmetric W": "not symmetric", "non-zero diagonal": "non-zero diagonal",
                "b of wrong length": "b has shape", "too many units": "more than 20",
                "wrong checksum": "has SHA-256", "missing file": "does not exist"}[case]
    if case == "asymmetric W":
        W[0, 1] = 0.9
    elif case == "non-zero diagonal":
        W[1, 1] = 0.5
    elif case == "b of wrong length":
        b = b[:2]
    elif case == "too many units":
        W, b = np.zeros((21, 21)), np.zeros(21)
    entry = _bm_entry(tmp_path, W, b)
    if case == "wrong checksum":
        entry["sha256"] = "f" * 64
    elif case == "missing file":
        entry["file"] = "tests/data/no_such_bm.npz"
    with pytest.raises(ConfigError, match=expected) as err:
        validate_config(_config(raw, examples, boltzmann_machines={"mine": entry}))
    assert "boltzmann_machines.mine" in str(err.value)


def test_csv_and_npy_patterns_read_like_npz(tmp_path):
    for name in ("p.csv", "p.npy"):
        entry = _dataset_entry(tmp_path, name, GOOD)
        patterns, labels = user_data.load_dataset("datasets.x", entry, tmp_path)
        assert np.array_equal(patterns, GOOD) and labels is None


def test_a_random_bm_entry_needs_no_file_and_is_bounded(raw, examples):
    too_big = {"mine": {"random": {"n_units": 21, "weight_scale": 1.0}}}
    with pytest.raises(ConfigError, match="more than 20"):
        validate_config(_config(raw, examples, boltzmann_machines=too_big))
    both = {"mine": {"random": {"n_units": 5, "weight_scale": 1.0}, "file": "x.npz",
                     "sha256": "0" * 64}}
    with pytest.raises(ConfigError, match="boltzmann_machines.mine"):
        validate_config(_config(raw, examples, boltzmann_machines=both))


def test_gibbs_dkl_of_samples_is_exact_on_a_known_sequence():
    """dkl_of_samples: the empirical distribution of the first T / interval samples, exactly."""
    from lifsampling import states
    from lifsampling.boltzmann import kl_divergence

    samples = np.array([[0, 0], [0, 1], [1, 1], [1, 1]])  # states 0, 1, 3, 3
    p_b = np.array([0.1, 0.2, 0.3, 0.4])
    got = states.dkl_of_samples(samples, 10.0, np.array([20.0, 40.0]), p_b)
    assert got[0] == pytest.approx(kl_divergence(np.array([0.5, 0.5, 0, 0]), p_b), rel=1e-12)
    assert got[1] == pytest.approx(kl_divergence(np.array([0.25, 0.25, 0, 0.5]), p_b),
                                   rel=1e-12)


def test_a_user_bm_is_one_more_member_of_the_sampling_family(raw, examples, repo):
    """Each user BM becomes a sampling experiment per network variant, with its K from the
    file, and a drawn BM is the same for the same seed."""
    from lifsampling.config import resolve_scale
    from lifsampling.experiments import sampling

    cfg = resolve_scale(validate_config(_config(raw, examples)), "smoke")
    entries = sampling.sampling_experiments(cfg)
    assert {"p16_fig3", "l18_fig5", "bm_example_two_groups_coba", "bm_example_two_groups_cuba",
            "bm_example_random_k5_coba", "bm_example_random_k5_cuba"} == set(entries)
    assert entries["bm_example_two_groups_coba"]["n_units"] == 6
    job = sampling.user_bm_slice(cfg, "example_random_k5")
    W1, b1 = user_data.user_bm(job)
    W2, b2 = user_data.user_bm(job)
    assert W1.shape == (5, 5) and np.array_equal(W1, W2) and np.array_equal(b1, b2)
    file_job = sampling.user_bm_slice(cfg, "example_two_groups")
    W, b = user_data.user_bm(file_job, repo / "tests" / "data" / "example_bm.npz")
    assert W[0, 1] == 1.5 and W[0, 3] == -1.0 and b.tolist() == [-1.5] * 6


@pytest.mark.parametrize("entry", [
    {"file": "tests/data/example_bm.npz", "random": {"n_units": 5, "weight_scale": 1.0}},
    {"random": {"n_units": 5, "weight_scale": 1.0}, "sha256": "0" * 64},
])
def test_a_bm_is_a_file_or_a_distribution_never_both(raw, examples, entry):
    with pytest.raises(ConfigError, match="boltzmann_machines.mine"):
        validate_config(_config(raw, examples, boltzmann_machines={"mine": entry}))


@pytest.mark.parametrize("name", ["a.b", "mine_claims", "x_figure", "_lead", "two__under"])
def test_a_user_entry_name_fits_files_and_rules(raw, examples, name):
    drawn = {name: {"random": {"n_units": 4, "weight_scale": 1.0}}}
    with pytest.raises(ConfigError, match="boltzmann_machines"):
        validate_config(_config(raw, examples, boltzmann_machines=drawn))


# `claims`: a rule generative_claims (the paper's); `x_fidelity`, `x_scan_tau_rec`: the
# files of member x's fidelity probe and scans
@pytest.mark.parametrize("name", ["claims", "stripes_fidelity", "stripes_scan_tau_rec"])
def test_a_dataset_name_never_names_another_members_rules_or_files(raw, examples, name):
    entry = copy.deepcopy(examples["datasets"]["example_stripes"])
    with pytest.raises(ConfigError, match="datasets"):
        validate_config(_config(raw, examples, datasets={name: entry}))


def test_user_runs_must_be_longer_than_the_first_dkl_reference(raw, examples):
    cfg = _config(raw, examples)
    cfg["experiments"]["user_bm"]["trial_ms"] = 800.0
    with pytest.raises(ConfigError, match="experiments.user_bm.trial_ms"):
        validate_config(cfg)


def test_a_dataset_with_a_generative_entry_is_one_more_member_of_l18_fig3(raw, examples):
    """generative_<name> is L18 Fig 3's family on the RBM trained on your dataset: its own
    model, data, seeds and sizes (experiments.user_generative), the paper's member unchanged."""
    from lifsampling.config import resolve_scale, slices
    from lifsampling.experiments import l18_fig3

    plain = resolve_scale(validate_config(copy.deepcopy(raw)), "smoke")
    cfg = resolve_scale(validate_config(_config(raw, examples)), "smoke")
    members = l18_fig3.generative_experiments(cfg)
    assert set(members) == {"l18_fig3", "generative_example_stripes"}
    mine = members["generative_example_stripes"]
    assert (mine["model"], mine["data"]) == ("dataset_example_stripes",) * 2
    assert mine["n_samples"] == raw["experiments"]["user_generative"]["n_samples"]["smoke"]
    assert slices.training_models(cfg)["dataset_example_stripes"]["n_hidden"] == 20
    paper_jobs = {k: v for k, v in l18_fig3.job_slices(cfg).items() if ":generative" not in k}
    assert paper_jobs == l18_fig3.job_slices(plain)  # adding a dataset changes no paper job
    run = l18_fig3.l18_fig3_run_slice(cfg, "generative_example_stripes", 0)
    assert run["dataset"] == "example_stripes"
    assert run["seeds"] != l18_fig3.l18_fig3_run_slice(cfg, "l18_fig3", 0)["seeds"]


@pytest.mark.parametrize("fraction, n_test, split", [(0.0, 10, "train"), (0.2, 2, "test")])
def test_your_dataset_file_holds_out_its_isl_test_patterns(raw, examples, repo, fraction,
                                                           n_test, split):
    """test_fraction of the patterns are held out with the seed (the same split every time);
    with 0 the ISL is taken on the training patterns. CAST sees the training split only, with
    one label unit per class of the entry."""
    from lifsampling.cast import training_matrix
    from lifsampling.config import resolve_scale, slices
    from lifsampling.experiments.l18_fig3 import test_images

    cfg = _config(raw, examples)
    cfg["datasets"]["example_stripes"]["generative"]["test_fraction"] = fraction
    job = slices.user_dataset(resolve_scale(validate_config(cfg), "smoke"), "example_stripes")
    patterns, labels = user_data.read_user_dataset(job, repo / "tests/data/example_stripes.npz")
    ds = user_data.user_dataset(patterns, labels, job)
    assert ds.attrs["isl_test_split"] == split
    assert len(test_images(ds, None)) == n_test
    reseeded = user_data.user_dataset(patterns, labels, {**job, "seeds": {"split": 12345}})
    assert reseeded["split"].equals(ds["split"]) == (fraction == 0)  # the seed draws the split
    matrix, n_labels = training_matrix(ds)
    assert n_labels == 2 and matrix.shape == (10 - (n_test if split == "test" else 0), 27)
    assert np.array_equal(matrix[:, 25:].argmax(axis=1),
                          ds["label"].values[ds["split"].values == "train"])


def test_a_generative_entry_needs_labels(raw, examples, tmp_path):
    entry = _dataset_entry(tmp_path, "p.npy", GOOD, generative=copy.deepcopy(
        examples["datasets"]["example_stripes"]["generative"]))
    with pytest.raises(ConfigError, match="datasets.mine.generative.*no labels"):
        validate_config(_config(raw, examples, datasets={"mine": entry}))


@pytest.mark.parametrize("fraction", [0.99, 0.04])  # of 10 patterns: all held out; none
def test_a_test_fraction_that_holds_out_all_or_none_is_refused_at_load(raw, examples, fraction):
    cfg = _config(raw, examples)
    cfg["datasets"]["example_stripes"]["generative"]["test_fraction"] = fraction
    with pytest.raises(ConfigError, match="datasets.example_stripes.generative.test_fraction"):
        validate_config(cfg)
