"""Generated invalid configs: each ends in one ConfigError naming the key, never a traceback.

Hypothesis mutates the repository's config.yaml: wrong types, negative and out-of-range
values, empty lists, unknown keys, dangling references and neurons that contradict their
calibration set. The check is what the workflow runs before any job (`common.smk`): schema,
cross-references, scale resolution at every scale, and every job's slice. Valid perturbations
(another seed, longer runs, more runs, a defaulted key left out) must still be accepted.
"""
import copy
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lifsampling import experiments
from lifsampling.config import SCALES, ConfigError, resolve_scale, validate_config

# numeric parameters that may be negative (potentials, positions, angles); every other
# number of the config is a count, a duration, a rate, a conductance, a scale or a seed
SIGNED = {"v_rest", "v_reset", "v_thresh", "e_rev_E", "e_rev_I", "start", "stop",
          "trace_mean_mV", "mean_mV", "angles_deg", "centres"}
# parameters with an upper bound, and a value beyond it (n_units: of the K <= 20 networks whose
# distribution is enumerated exactly, experiments.sampling)
ABOVE_RANGE = {"U0": 1.5, "binarize_threshold": 1.0, "low": 1.5, "high": 1.5, "digits": 10,
               "n_units": 21, "isl_beta": 1.0}
REFERENCES = [
    *[("calibration", "sets", s, k) for s in ("l18_cuba", "l18_coba", "p16_coba")
      for k in ("neuron", "noise")],
    *[("experiments", "sampling", e, k) for e in ("p16_fig3", "l18_fig5")
      for k in ("neuron", "calibration", "stp")],
    ("experiments", "l18_fig2_grid", "neuron"), ("experiments", "l18_fig2_grid", "calibration"),
    ("experiments", "l18_fig2_bars", "neuron"), ("experiments", "l18_fig2_bars", "calibration"),
    ("experiments", "l18_fig2_bars", "stp"), ("experiments", "l18_fig3", "neuron"),
    ("experiments", "l18_fig3", "calibration"), ("experiments", "l18_fig3", "stp"),
    ("experiments", "p16_fig4", "variants", "cuba", "neuron"),
    ("experiments", "p16_fig4", "variants", "coba_self_consistent", "calibration"),
    ("experiments", "p16_fig4", "stp"), ("experiments", "p16_fig2", "calibration"),
    ("experiments", "p16_fig6", "calibration_sets", 1),
    ("experiments", "p16_fig7", "calibration_sets", 0), ("experiments", "p16_fig7", "stp"),
    ("experiments", "l18_fig1", "neuron"), ("experiments", "l18_fig1", "stp_sets", 1),
    ("experiments", "l18_fig5_membranes", "neuron_sets", 0),
    ("training", "models", "mnist", "data"),
]
CALIBRATED = [("experiments", "sampling", "p16_fig3"), ("experiments", "sampling", "l18_fig5"),
              ("experiments", "l18_fig2_grid"), ("experiments", "l18_fig2_bars"),
              ("experiments", "l18_fig3"),
              ("experiments", "p16_fig4", "variants", "coba_background")]
KEY = re.compile(r"config key '([^']*)'")


def _raw():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    return yaml.safe_load((repo / "config.yaml").read_text())


RAW = _raw()


def _walk(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*path, i))


NODES = list(_walk(RAW))
LEAVES = [(p, v) for p, v in NODES if p and not isinstance(v, dict | list)]
DICTS = [p for p, v in NODES if isinstance(v, dict)]
LISTS = [p for p, v in NODES if isinstance(v, list) and p]


def _name(path):
    """The parameter a path belongs to: its last key that is not a scale or a list index."""
    return next(k for k in reversed(path) if isinstance(k, str) and k not in SCALES)


def _set(config, path, value):
    node = config
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _del(config, path):
    node = config
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


def _dotted(path):
    return ".".join(map(str, path))


def prepare(raw):
    """What the workflow does before any job: validate, resolve every scale, slice."""
    cfg = validate_config(raw)
    for scale in SCALES:
        experiments.all_slices(resolve_scale(cfg, scale))


def wrong_type(path, value):
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, int | float):
        return "not a number"
    return 12345  # strings and nulls


NUMERIC = [(p, v) for p, v in LEAVES if isinstance(v, int | float) and not isinstance(v, bool)]
NON_NEGATIVE = [(p, v) for p, v in NUMERIC if _name(p) not in SIGNED]
BOUNDED = [(p, v) for p, v in NUMERIC if _name(p) in ABOVE_RANGE
           and p[:2] != ("experiments", "p16_fig4")]


@st.composite
def invalid_mutation(draw):
    """(mutated config, dotted path of the culprit, how)."""
    config = copy.deepcopy(RAW)
    kind = draw(st.sampled_from(["type", "negative", "range", "empty", "unknown", "dangling",
                                 "mismatch", "container"]))
    if kind == "type":
        path, value = draw(st.sampled_from(LEAVES))
        _set(config, path, wrong_type(path, value))
    elif kind == "negative":
        path, value = draw(st.sampled_from(NON_NEGATIVE))
        _set(config, path, -abs(value) - draw(st.sampled_from([1, 0.5, 1000])))
    elif kind == "range":
        path, value = draw(st.sampled_from(BOUNDED))
        _set(config, path, ABOVE_RANGE[_name(path)])
    elif kind == "empty":
        path = draw(st.sampled_from(LISTS))
        _set(config, path, [])
    elif kind == "unknown":
        parent = draw(st.sampled_from(DICTS))
        path = (*parent, draw(st.sampled_from(["zz_unknown", "tau_refrack", "Scale"])))
        _set(config, path, draw(st.sampled_from([1, "x", 0.5])))
    elif kind == "dangling":
        path = draw(st.sampled_from(REFERENCES))
        _set(config, path, "zz_missing")
    elif kind == "container":
        path = draw(st.sampled_from(DICTS[1:] + LISTS))
        _set(config, path, "not a table" if path in DICTS else {"a": 1})
    else:  # an experiment's neuron is another neuron than its calibration set's
        exp = draw(st.sampled_from(CALIBRATED))
        entry = config
        for key in exp:
            entry = entry[key]
        entry["neuron"] = draw(st.sampled_from([n for n in RAW["neurons"]
                                                if n != entry["neuron"]]))
        path = (*exp, "neuron")
    return config, path, kind


def _names_the_culprit(message, path, kind):
    keys = KEY.findall(message)
    assert keys, f"no config key named in: {message}"
    culprit = _dotted(path)
    if kind == "mismatch":
        return culprit in keys and any(k.startswith("calibration.sets.") for k in message.split(
            "'"))
    for key in keys:
        if key == "<top level>":
            continue
        # the key itself, the parameter of a per-scale entry or list item, or a key inside a
        # table that was replaced
        if culprit == key or culprit.startswith(key + ".") and (
                len(path) - len(key.split(".")) <= 2) or key.startswith(culprit + "."):
            return True
    return False


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(invalid_mutation())
def test_invalid_configs_end_in_one_error_naming_the_key(mutation):
    config, path, kind = mutation
    with pytest.raises(ConfigError) as info:
        prepare(config)
    message = str(info.value)
    assert "Traceback" not in message
    assert _names_the_culprit(message, path, kind), (kind, _dotted(path), message)


DURATIONS = [(p, v) for p, v in NUMERIC
             if _name(p) in {"trial_ms", "joint_ms", "duration_ms", "trace_ms", "burn_in_ms"}]
COUNTS = [(p, v) for p, v in NUMERIC if _name(p) in {"n_runs", "n_trials", "n_seeds",
                                                       "gibbs_chains", "n_iterations"}]
DEFAULTED = [("experiments", "l18_fig1", "delay_ms"), ("data", "mnist", "binarize_threshold"),
             ("nest", "virtual_processes"), ("training", "init_weight_std"),
             ("experiments", "dkl_time_points")]


@st.composite
def valid_mutation(draw):
    config = copy.deepcopy(RAW)
    kind = draw(st.sampled_from(["seed", "longer", "more", "default"]))
    if kind == "seed":
        config["seed"] = draw(st.integers(0, 2**31 - 1))
    elif kind == "longer":
        path, value = draw(st.sampled_from(DURATIONS))
        _set(config, path, value * draw(st.floats(1.0, 3.0)))
    elif kind == "more":
        path, value = draw(st.sampled_from(COUNTS))
        _set(config, path, value + draw(st.integers(1, 5)))
    else:
        _del(config, draw(st.sampled_from(DEFAULTED)))
    return config


@settings(max_examples=60, deadline=None, derandomize=True)
@given(valid_mutation())
def test_valid_perturbations_are_accepted(config):
    prepare(config)


def test_the_generators_cover_every_kind_of_culprit():
    assert len(LEAVES) > 150 and len(NON_NEGATIVE) > 100 and len(LISTS) > 10
    assert len(REFERENCES) == 31 and all(_name(p) for p in REFERENCES)
