import copy
import shutil

import pytest
import yaml

from lifsampling.config import (
    ConfigError,
    config_hash,
    derive_seed,
    load_config,
    read_schema,
    resolve_scale,
    validate_config,
)


@pytest.fixture()
def raw(repo):
    return yaml.safe_load((repo / "config.yaml").read_text())


def _per_scale_leaves(node, path=()):
    """(path, {smoke, quick, paper}) of every value given per scale in the raw config."""
    if isinstance(node, dict):
        if set(node) == {"smoke", "quick", "paper"}:
            yield path, node
            return
        for key, value in node.items():
            yield from _per_scale_leaves(value, (*path, key))


def _get(node, path):
    for key in path:
        node = node[key]
    return node


@pytest.mark.parametrize("scale", ["smoke", "quick", "paper"])
def test_every_per_scale_value_resolves_to_its_scale(raw, scale):
    cfg = resolve_scale(validate_config(raw), scale)
    leaves = list(_per_scale_leaves(raw))
    assert len(leaves) > 20
    for path, values in leaves:
        assert _get(cfg, path) == values[scale], ".".join(path)
    assert not list(_per_scale_leaves(cfg)), "a per-scale value survived resolution"


def test_defaults_are_filled(raw):
    del raw["experiments"]["l18_fig1"]["delay_ms"]
    del raw["data"]["mnist"]["binarize_threshold"]
    cfg = validate_config(raw)
    assert cfg["experiments"]["l18_fig1"]["delay_ms"] == 0.1
    assert cfg["data"]["mnist"]["binarize_threshold"] == 0.5


@pytest.mark.parametrize(
    ("mutate", "culprit"),
    [
        (lambda c: c["data"]["mnist"].__setitem__("binarize_treshold", 0.5),
         "data.mnist.binarize_treshold"),  # a typo of a key
        (lambda c: c["data"]["mnist"].__setitem__("binarize_threshold", 1.5),
         "data.mnist.binarize_threshold"),
        (lambda c: c["nest"].__setitem__("virtual_processes", "two"),
         "nest.virtual_processes"),
        (lambda c: c.__setitem__("scale", "huge"), "scale"),
        (lambda c: c["stp"]["modulated"].__setitem__("U0", 0.0), "stp.modulated.U0"),
        (lambda c: c["experiments"]["l18_fig1"].__setitem__("n_envelope_spikes",
                                                            {"smoke": 1, "quick": 2}),
         "experiments.l18_fig1.n_envelope_spikes"),
        (lambda c: c["experiments"]["l18_fig1"].__setitem__("neuron", "l18_cubaa"),
         "experiments.l18_fig1.neuron"),
        (lambda c: c["data"]["mnist"]["wheel"].__setitem__("sha256", "abc"),
         "data.mnist.wheel.sha256"),
        (lambda c: c["experiments"]["sampling"]["p16_fig3"].__setitem__("stp", "depressing"),
         "experiments.sampling.p16_fig3.stp"),
        (lambda c: c["calibration"]["sets"]["l18_cuba"].__setitem__("noise", "p16_coba"),
         "noise.p16_coba"),  # COBA noise (uS) for a CUBA neuron: the noise set lacks nA weights
    ],
)
def test_bad_values_name_their_key(raw, mutate, culprit):
    bad = copy.deepcopy(raw)
    mutate(bad)
    with pytest.raises(ConfigError) as info:
        validate_config(bad)
    assert f"'{culprit}'" in str(info.value)


@pytest.mark.parametrize("experiment", ["sampling.p16_fig3", "sampling.l18_fig5",
                                        "l18_fig2_grid", "p16_fig4.variants.cuba"])
def test_neuron_must_be_that_of_the_calibration_set(raw, experiment):
    bad = copy.deepcopy(raw)
    entry = bad["experiments"]
    for key in experiment.split("."):
        entry = entry[key]
    other = next(n for n in raw["neurons"] if n != entry["neuron"])
    entry["neuron"] = other
    with pytest.raises(ConfigError) as info:
        validate_config(bad)
    message = str(info.value)
    assert f"'experiments.{experiment}.neuron'" in message
    assert f"'calibration.sets.{entry['calibration']}.neuron'" in message
    assert len(message.splitlines()) == 1


def test_load_config_applies_overrides(repo):
    cfg = load_config(repo / "config.yaml", overrides={"scale": "paper"})
    assert cfg["scale"] == "paper"
    assert cfg["experiments"]["l18_fig1"]["n_envelope_spikes"] == 100


def test_seeds_are_deterministic_and_distinct():
    assert derive_seed(1, "data", "imbalanced") == derive_seed(1, "data", "imbalanced")
    seeds = {derive_seed(1, "run", i) for i in range(1000)}
    assert len(seeds) == 1000
    assert derive_seed(1, "a") != derive_seed(2, "a")
    assert all(0 <= s < 2**31 for s in seeds)


def test_config_hash_sees_every_change(smoke_cfg):
    changed = copy.deepcopy(smoke_cfg)
    changed["neurons"]["l18_cuba"]["cm"] = 0.21
    assert config_hash(smoke_cfg) == config_hash(copy.deepcopy(smoke_cfg))
    assert config_hash(smoke_cfg) != config_hash(changed)


def test_work_fraction_shortens_every_job_and_keeps_the_dag(repo):
    full = load_config(repo / "config.yaml", overrides={"scale": "paper"})
    cut = load_config(repo / "config.yaml", overrides={"scale": "paper", "work_fraction": 0.01})
    p16_fig3 = ("experiments", "sampling", "p16_fig3")

    def at(cfg, *keys):
        for k in keys:
            cfg = cfg[k]
        return cfg

    assert at(cut, *p16_fig3, "trial_ms") == pytest.approx(at(full, *p16_fig3, "trial_ms") / 100)
    assert at(cut, *p16_fig3, "n_trials") == at(full, *p16_fig3, "n_trials")  # a job count
    iterations = at(cut, "training", "models", "mnist", "n_iterations")
    assert isinstance(iterations, int)
    assert iterations == round(at(full, "training", "models", "mnist", "n_iterations") / 100)
    assert cut["seed"] == full["seed"] and cut["experiments"]["p16_fig4"]["n_runs"] == 10
    assert load_config(repo / "config.yaml", overrides={"work_fraction": 1.0}) == \
        load_config(repo / "config.yaml")


def test_a_family_schema_file_is_merged_and_may_not_shadow_the_main_schema(repo, raw, tmp_path):
    """A family's schema lives in workflow/schemas/families/<entry>.schema.yaml; a second
    definition of one entry is refused, naming the file."""
    schemas = tmp_path / "schemas"
    shutil.copytree(repo / "workflow" / "schemas", schemas)
    (schemas / "families" / "toy.schema.yaml").write_text(
        "type: object\nadditionalProperties: false\nproperties:\n  size: {type: integer}\n")
    schema_path = schemas / "config.schema.yaml"
    merged = read_schema(schema_path)
    assert merged["properties"]["experiments"]["properties"]["toy"]["properties"] == {
        "size": {"type": "integer"}}
    assert "l18_fig3" in merged["properties"]["experiments"]["properties"]
    raw["experiments"]["toy"] = {"size": 3}
    validate_config(raw, schema_path)
    raw["experiments"]["toy"] = {"size": "big"}
    with pytest.raises(ConfigError, match=r"experiments\.toy\.size"):
        validate_config(raw, schema_path)
    (schemas / "families" / "user_bm.schema.yaml").write_text("type: object\n")
    with pytest.raises(ConfigError, match="user_bm.schema.yaml"):
        read_schema(schema_path)
