import copy

import pytest
import yaml

from lifsampling.config import (
    ConfigError,
    config_hash,
    derive_seed,
    load_config,
    resolve_scale,
    validate_config,
)


@pytest.fixture()
def raw(repo):
    return yaml.safe_load((repo / "config.yaml").read_text())


def test_repository_config_is_valid_at_every_scale(raw):
    for scale in ("smoke", "quick", "paper"):
        cfg = resolve_scale(validate_config(raw), scale)
        assert cfg["scale"] == raw["scale"]
        assert isinstance(cfg["experiments"]["l18_fig1"]["n_envelope_spikes"], int)


def test_scale_picks_per_scale_values(raw):
    per_scale = raw["experiments"]["l18_fig1"]["n_envelope_spikes"]
    for scale in ("smoke", "quick", "paper"):
        cfg = resolve_scale(validate_config(raw), scale)
        assert cfg["experiments"]["l18_fig1"]["n_envelope_spikes"] == per_scale[scale]


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
         "data.mnist"),  # a typo of a key
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
    ],
)
def test_bad_values_name_their_key(raw, mutate, culprit):
    bad = copy.deepcopy(raw)
    mutate(bad)
    with pytest.raises(ConfigError) as info:
        validate_config(bad)
    assert f"'{culprit}'" in str(info.value)


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
