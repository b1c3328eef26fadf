"""The config -> job boundary: an edit changes the slices of the jobs that read it, only."""
import ast
import copy
from pathlib import Path

import numpy as np
import pytest
import yaml

from lifsampling import experiments
from lifsampling.config import load_config, resolve_scale, slices, validate_config
from lifsampling.experiments import p16_fig4, sampling


@pytest.fixture(scope="module")
def raw(repo):
    return yaml.safe_load((repo / "config.yaml").read_text()) | {"scale": "smoke"}


def _changed(raw, edit):
    before = experiments.all_slices(resolve_scale(validate_config(raw)))
    edited = copy.deepcopy(raw)
    edit(edited)
    after = experiments.all_slices(resolve_scale(validate_config(edited)))
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


FIDELITY_RUNS = {f"sampling_fidelity_run:{m}:{s}"
                 for m in ("bars_easy", "bars_hard", "mnist", "imbalanced", "completion")
                 for s in ("static", "renewing", "modulated", "best_scan")}


def test_gibbs_reference_length_touches_only_the_references(raw):
    def edit(c):
        c["experiments"]["p16_fig4"]["gibbs_chains"] = 99

    assert _changed(raw, edit) == {"p16_fig4_reference:0.6", "p16_fig4_reference:1.2",
                                   "p16_fig4_reference:2.4"}


def test_a_neuron_parameter_touches_the_jobs_of_that_neuron(raw):
    def edit(c):
        c["neurons"]["l18_cuba"]["tau_refrac"] = 9.0

    assert _changed(raw, edit) == {"calibrate:l18_cuba", "l18_fig1_stp", "l18_fig5_membranes",
                                   "l18_fig2_grid_chunk:0", "l18_fig2_grid_judge",
                                   "clamp_delivery_run", "l18_fig2_bars_run:easy",
                                   "l18_fig2_bars_run:hard",
                                   "l18_fig3_run", "l18_fig3_analysis", "l18_fig3_isl_1e3",
                                   "l18_fig3_isl_1e3_analysis",
                                   "classify_lif",
                                   "l18_fig3_scan_block:tau_rec", "l18_fig3_scan_block:tau_fac",
                                   "l18_fig4_run:imbalanced", "l18_fig4_run:completion",
                                   "l18_fig4_analysis:imbalanced", "l18_fig4_analysis:completion",
                                   "p16_fig4_run:cuba:0.6", "p16_fig4_run:cuba:1.2",
                                   "p16_fig4_run:cuba:2.4", "tempering_run:mnist",
                                   "tempering_run:imbalanced", "tempering_run:completion"
                                   } | FIDELITY_RUNS


def test_fidelity_reference_length_touches_only_its_gibbs_chains(raw):
    def edit(c):
        c["experiments"]["sampling_fidelity"]["gibbs_sweeps"] = 7

    models = raw["experiments"]["sampling_fidelity"]["models"]
    assert _changed(raw, edit) == {f"sampling_fidelity_reference:{m}" for m in models}


def test_a_learning_rate_touches_one_model(raw):
    def edit(c):
        c["training"]["models"]["bars_easy"]["eta"]["a"] = 11.0

    assert _changed(raw, edit) == {"train:bars_easy"}


def test_master_seed_and_scale_touch_everything(raw):
    every = set(experiments.all_slices(resolve_scale(validate_config(raw))))
    seeded = _changed(raw, lambda c: c.__setitem__("seed", 7))
    slices_now = experiments.all_slices(resolve_scale(validate_config(raw)))
    assert seeded == {n for n, s in slices_now.items() if s["seeds"]}
    assert _changed(raw, lambda c: c.__setitem__("scale", "quick")) >= every


def test_key_order_of_the_config_file_does_not_count(raw):
    def reverse(node):
        if isinstance(node, dict):
            return {k: reverse(node[k]) for k in reversed(list(node))}
        return node

    assert experiments.all_slices(resolve_scale(validate_config(raw))) == \
        experiments.all_slices(resolve_scale(validate_config(reverse(raw))))
    assert repr(slices.calibrate(resolve_scale(validate_config(raw)), "p16_coba")) == \
        repr(slices.calibrate(resolve_scale(validate_config(reverse(raw))), "p16_coba"))


def test_slices_resolve_references(repo):
    cfg = load_config(repo / "config.yaml", {"scale": "smoke"})
    job = sampling.sampling_block_slice(cfg, "p16_fig3", "trial", 0)
    assert job["neuron"] == cfg["neurons"]["p16_coba"]
    assert job["noise"] == cfg["noise"]["p16_coba"]
    assert job["stp"] == cfg["stp"]["renewing"]
    small_net = {k: v for k, v in cfg["nest"].items() if k != "large_networks"}
    assert job["nest"] == small_net and job["scale"] == "smoke"
    large = p16_fig4.p16_fig4_run_slice(cfg, "cuba", "1.2", 0)["nest"]
    assert large == small_net | {"virtual_processes": 2}
    assert job["duration_ms"] == cfg["experiments"]["sampling"]["p16_fig3"]["trial_ms"]
    assert set(job["seeds"]) == {"bm", "background"}
    assert len(set(job["seeds"]["bm"])) == 1  # trials share their BM
    bms = sampling.sampling_block_slice(cfg, "p16_fig3", "bm", 0)
    assert len(set(bms["seeds"]["bm"])) == len(bms["runs"]) > 1  # one BM per run
    assert bms["seeds"]["background"] != job["seeds"]["background"]


# sections of config.yaml that hold *named* entries; a slice carries the entry itself (its
# keys are `neuron`, `noise`, `stp`, `nest`, ...), never these tables
CONFIG_TABLES = {"experiments", "neurons", "calibration", "training", "data", "datasets",
                 "boltzmann_machines"}


def _slice_builders(tree: ast.AST) -> set[ast.AST]:
    """Nodes inside functions whose first parameter is `cfg`: the config -> job boundary
    (a figure family's own slice builders, beside those of lifsampling.config.slices)."""
    inside = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and fn.args.args and fn.args.args[0].arg == "cfg":
            inside |= set(ast.walk(fn))
    return inside


def test_no_library_module_walks_the_config_tree(repo):
    """Outside lifsampling.config and the slice builders (functions of `cfg`), no code
    subscripts a table of the config by its name."""
    cfg = load_config(repo / "config.yaml", {"scale": "smoke"})
    assert not any(CONFIG_TABLES & set(job) for job in experiments.all_slices(cfg).values())
    offenders = []
    for path in sorted((repo / "src" / "lifsampling").rglob("*.py")):
        if "config" in path.relative_to(repo / "src" / "lifsampling").parts:
            continue
        tree = ast.parse(path.read_text())
        builders = _slice_builders(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
                    and node.slice.value in CONFIG_TABLES and node not in builders):
                offenders.append(f"{Path(path).name}:{node.lineno} [{node.slice.value!r}]")
    assert offenders == []


def test_p16_fig4_scales_rescale_one_bm(raw):
    # P16 Fig 4: one draw of the Beta variates and of b, rescaled per weight scale
    from lifsampling.experiments.p16_fig4 import large_bm

    cfg = resolve_scale(validate_config(raw))
    bms = {w: large_bm({**p16_fig4.p16_fig4_run_slice(cfg, "coba_background", w, 0),
                        "n_units": 20})
           for w in p16_fig4.p16_fig4_scales(cfg)}
    (W06, b06), (W24, b24) = bms["0.6"], bms["2.4"]
    np.testing.assert_allclose(W24, 4 * W06, rtol=1e-12)
    np.testing.assert_array_equal(b24, b06)
    assert p16_fig4.p16_fig4_reference_slice(cfg, "0.6")["seeds"]["bm"] == \
        p16_fig4.p16_fig4_run_slice(cfg, "cuba", "2.4", 1)["seeds"]["bm"]


def _typed_builder(kind: str):
    """The function that builds slices of `kind`: a shared stage's `slices.<kind>`, or the
    family's own `<family>.<kind>_slice`."""
    from lifsampling import experiments

    if hasattr(slices, kind):
        return getattr(slices, kind)
    if hasattr(experiments, f"{kind}_slice"):  # built from every family (the trained models')
        return getattr(experiments, f"{kind}_slice")
    builders = [getattr(f, f"{kind}_slice") for f in experiments.FAMILIES
                if hasattr(f, f"{kind}_slice")]
    assert len(builders) == 1, (kind, builders)
    return builders[0]


@pytest.mark.parametrize("scale", ["smoke", "quick", "paper"])
def test_every_slice_has_the_keys_of_its_job_type(repo, scale):
    """Each slice's keys are those its TypedDict (`config.jobs`) declares, required ones all
    present, so an experiment's signature names what its job reads."""
    import typing

    cfg = load_config(repo / "config.yaml", overrides={"scale": scale})
    for name, job in experiments.all_slices(cfg).items():
        job_type = typing.get_type_hints(_typed_builder(name.split(":")[0]))["return"]
        keys = set(job)
        assert job_type.__required_keys__ <= keys, (name, job_type.__required_keys__ - keys)
        assert keys <= job_type.__required_keys__ | job_type.__optional_keys__, (
            name, keys - job_type.__required_keys__ - job_type.__optional_keys__)


@pytest.mark.parametrize(("key", "value", "read_out"), [
    (("experiments", "dkl_time_points"), 7,
     {"sampling_aggregate:p16_fig3", "sampling_aggregate:l18_fig5", "p16_fig4_aggregate",
      "p16_fig7_aggregate"}),
    (("experiments", "l18_fig3", "mode_window"), 5,
     {"l18_fig3_analysis", "l18_fig3_isl_1e3_analysis", "l18_fig4_analysis:imbalanced",
      "l18_fig4_analysis:completion", "tempering_aggregate"}),
    (("experiments", "l18_fig4", "completion", "shown_every"), 7,
     {"l18_fig4_analysis:completion"}),
])
def test_a_read_out_key_touches_only_the_jobs_reading_stored_runs(raw, key, value, read_out):
    """Keys of how stored spikes or samples are read: no simulation's slice changes."""
    def edit(c):
        node = c
        for k in key[:-1]:
            node = node[k]
        node[key[-1]] = value

    assert _changed(raw, edit) == read_out


def test_one_name_per_job_from_rule_to_type(repo):
    """A job kind is named once: the rule `<kind>` of a workflow/rules/*.smk, its slice
    builder (`slices.<kind>` or `<family>.<kind>_slice`) and its type `<Kind>Job` (CamelCase of
    the rule name; a family's beside its builders, the shared stages' in `config.jobs`)."""
    import re
    import typing

    rules = {name for smk in (repo / "workflow" / "rules").glob("*.smk")
             for name in re.findall(r"^rule (\w+):", smk.read_text(), re.MULTILINE)}
    cfg = load_config(repo / "config.yaml", overrides={"scale": "smoke"})
    for kind in {name.split(":")[0] for name in experiments.all_slices(cfg)}:
        assert kind in rules, f"job kind {kind} is no rule"
        job_type = typing.get_type_hints(_typed_builder(kind))["return"].__name__
        assert job_type == "".join(p.capitalize() for p in kind.split("_")) + "Job", (kind,
                                                                                     job_type)


def test_a_family_of_large_networks_runs_every_nest_job_on_their_processes(repo):
    """A rule's threads come from its family's LARGE_NETWORKS (nest_threads in common.smk);
    the NEST jobs' slices must say the same number, or a job runs on fewer threads than its
    spikes were computed with."""
    cfg = load_config(repo / "config.yaml", overrides={"scale": "smoke"})
    large = cfg["nest"]["large_networks"]["virtual_processes"]
    assert large != cfg["nest"]["virtual_processes"]  # else this test could not fail
    for family in experiments.FAMILIES:
        wanted = large if getattr(family, "LARGE_NETWORKS", False) else cfg["nest"][
            "virtual_processes"]
        for name, job in family.job_slices(cfg).items():
            if "nest" in job:
                assert job["nest"]["virtual_processes"] == wanted, (family.__name__, name)
