"""Cross-references of config.yaml, checked before any job (the schema checks single values).

A name used in one place of the config (an experiment's neuron, its calibration set, an STP
set, a noise set) must exist where it points, and names that must agree must agree: an
experiment sampled with the activation function of another neuron would be silently wrong.
Every check raises `ConfigError` with one line naming the offending key(s).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .errors import ConfigError

# The two bar sets of L18 Fig 2c (keys of data.bars and training models bars_<set>)
BAR_SETS = ("easy", "hard")

SCALES = ("smoke", "quick", "paper")

# noise weights each neuron model needs (PyNN units): conductances for COBA, currents for CUBA
NOISE_WEIGHTS = {
    "IF_cond_exp": ("weight_exc_uS", "weight_inh_uS"),
    "IF_curr_exp": ("weight_exc_nA", "weight_inh_nA"),
}


def _refer(config: Mapping, key: str, name: Any, table: str) -> None:
    if name not in config[table]:
        raise ConfigError(f"config key '{key}': {name!r} is not a key of '{table}' "
                          f"({sorted(config[table])})")


def _calibrated_experiments(config: Mapping) -> Iterator[tuple[str, Mapping]]:
    """(config key, entry) of every experiment entry, at any depth of `experiments`, that
    names a `neuron` and the `calibration` set its (alpha, u0) come from."""
    def walk(key: str, entry: Any) -> Iterator[tuple[str, Mapping]]:
        if not isinstance(entry, Mapping):
            return
        if "neuron" in entry and "calibration" in entry:
            yield key, entry
        for name, child in entry.items():
            yield from walk(f"{key}.{name}", child)

    yield from walk("experiments", config["experiments"])


def _check_noise_fits_neuron(config: Mapping, key: str, neuron_name: str,
                             noise_name: str) -> None:
    model = config["neurons"][neuron_name]["model"]
    missing = [w for w in NOISE_WEIGHTS[model] if w not in config["noise"][noise_name]]
    if missing:
        raise ConfigError(f"config key 'noise.{noise_name}': lacks {missing}, needed by the "
                          f"{model} neuron 'neurons.{neuron_name}' (used by '{key}')")


def _check_coba_calibration_set(config: Mapping, key: str, name: str) -> None:
    """P16's activation theory (Fig 2, 6) and networks (Fig 7) need a calibrated COBA set."""
    cal_sets = config["calibration"]["sets"]
    if name not in cal_sets:
        raise ConfigError(f"config key '{key}': {name!r} is not a key of 'calibration.sets' "
                          f"({sorted(cal_sets)})")
    model = config["neurons"][cal_sets[name]["neuron"]]["model"]
    if model != "IF_cond_exp":
        raise ConfigError(f"config key '{key}': P16's activation theory needs a COBA neuron, "
                          f"{name!r} has {model}")


def is_per_scale(value: Any) -> bool:
    """A value written as {smoke: a, quick: b, paper: c}."""
    return isinstance(value, Mapping) and set(value) == set(SCALES)


def _per_scale(value: Any) -> dict[str, Any]:
    """{scale: value} of a value given once or per scale."""
    return dict(value) if is_per_scale(value) else dict.fromkeys(SCALES, value)


def _check_nest(config: Mapping[str, Any]) -> None:
    nest = config["nest"]
    if not nest["resolution_ms"] <= nest["min_delay_ms"] <= nest["max_delay_ms"]:
        raise ConfigError("config key 'nest': need resolution_ms <= min_delay_ms <= "
                          f"max_delay_ms, got {nest['resolution_ms']}, {nest['min_delay_ms']}, "
                          f"{nest['max_delay_ms']}")
    delay = config["experiments"]["l18_fig1"]["delay_ms"]
    if not nest["min_delay_ms"] <= delay <= nest["max_delay_ms"]:
        raise ConfigError(f"config key 'experiments.l18_fig1.delay_ms': {delay} ms is outside "
                          f"[nest.min_delay_ms, nest.max_delay_ms] = [{nest['min_delay_ms']}, "
                          f"{nest['max_delay_ms']}]")


def _check_sampling_fidelity(config: Mapping[str, Any]) -> None:
    """Its models are trained models; its synapse sets are STP sets or `best_scan` (the best
    point of L18 Fig 3a's scans)."""
    entry = config["experiments"]["sampling_fidelity"]
    trained = config["training"]["models"]
    for i, model in enumerate(entry["models"]):
        if model not in trained:
            raise ConfigError(f"config key 'experiments.sampling_fidelity.models.{i}': {model!r} "
                              f"is not a key of 'training.models' ({sorted(trained)})")
    for i, name in enumerate(entry["stp_sets"]):
        if name != "best_scan":
            _refer(config, f"experiments.sampling_fidelity.stp_sets.{i}", name, "stp")


def check_references(config: Mapping[str, Any]) -> None:
    """Raise `ConfigError` for the first dangling or contradictory reference."""
    _check_nest(config)
    cal_sets = config["calibration"]["sets"]
    for name, entry in cal_sets.items():
        key = f"calibration.sets.{name}"
        _refer(config, f"{key}.neuron", entry["neuron"], "neurons")
        _refer(config, f"{key}.noise", entry["noise"], "noise")
        _check_noise_fits_neuron(config, key, entry["neuron"], entry["noise"])
        grid = entry["mean_mV"]
        if grid["start"] >= grid["stop"]:
            raise ConfigError(f"config key '{key}.mean_mV': start {grid['start']} must be "
                              f"below stop {grid['stop']}")

    experiments = config["experiments"]
    user = experiments["user_bm"]
    for variant, calibration in user["variants"].items():
        if calibration not in cal_sets:
            raise ConfigError(f"config key 'experiments.user_bm.variants.{variant}': "
                              f"{calibration!r} is not a key of 'calibration.sets' "
                              f"({sorted(cal_sets)})")
    _refer(config, "experiments.user_bm.stp", user["stp"], "stp")
    for scale, trial_ms in _per_scale(user["trial_ms"]).items():
        if trial_ms <= 1000.0:  # P16 Fig 3C's tests compare D_KL(T) with D_KL(1e3 ms)
            raise ConfigError(f"config key 'experiments.user_bm.trial_ms' ({scale}): "
                              f"{trial_ms} ms; the runs must be longer than 1000 ms")
    for key, entry in _calibrated_experiments(config):
        _refer(config, f"{key}.neuron", entry["neuron"], "neurons")
        if entry["calibration"] not in cal_sets:
            raise ConfigError(f"config key '{key}.calibration': {entry['calibration']!r} is not "
                              f"a key of 'calibration.sets' ({sorted(cal_sets)})")
        calibrated = cal_sets[entry["calibration"]]["neuron"]
        if entry["neuron"] != calibrated:
            raise ConfigError(
                f"config key '{key}.neuron' ({entry['neuron']!r}) differs from "
                f"'calibration.sets.{entry['calibration']}.neuron' ({calibrated!r}): an "
                "experiment must sample with the neuron and noise its calibration measured")
        for stp_key in ("stp", "renewing_stp"):
            if stp_key in entry:
                _refer(config, f"{key}.{stp_key}", entry[stp_key], "stp")
        if "n_bms" in entry:
            n_bms, bm_ms = _per_scale(entry["n_bms"]), _per_scale(entry["bm_ms"])
            for scale in SCALES:
                if n_bms[scale] > 0 and bm_ms[scale] <= 0:
                    raise ConfigError(f"config key '{key}.bm_ms': must be > 0 at scale "
                                      f"{scale}, where n_bms = {n_bms[scale]}")

    coba_sets = [("experiments.p16_fig2.calibration", experiments["p16_fig2"]["calibration"])]
    for fig in ("p16_fig6", "p16_fig7"):
        coba_sets += [(f"experiments.{fig}.calibration_sets.{i}", name)
                      for i, name in enumerate(experiments[fig]["calibration_sets"])]
    for key, name in coba_sets:
        _check_coba_calibration_set(config, key, name)
    for fig in ("p16_fig4", "p16_fig7"):
        _refer(config, f"experiments.{fig}.stp", experiments[fig]["stp"], "stp")
    fig4 = experiments["p16_fig4"]
    if fig4["judged_variant"] not in fig4["variants"]:
        raise ConfigError(f"config key 'experiments.p16_fig4.judged_variant': "
                          f"{fig4['judged_variant']!r} is not a key of "
                          f"'experiments.p16_fig4.variants' ({sorted(fig4['variants'])})")
    for name, entry in fig4["variants"].items():
        if entry["translation"] == "self_consistent":
            _check_coba_calibration_set(config, f"experiments.p16_fig4.variants.{name}",
                                        entry["calibration"])

    fig1 = experiments["l18_fig1"]
    _refer(config, "experiments.l18_fig1.neuron", fig1["neuron"], "neurons")
    if config["neurons"][fig1["neuron"]]["model"] != "IF_curr_exp":
        raise ConfigError("config key 'experiments.l18_fig1.neuron': the PSP envelopes "
                          "of L18 Fig 1d need a current-based (IF_curr_exp) neuron")
    for i, name in enumerate(fig1["stp_sets"]):
        _refer(config, f"experiments.l18_fig1.stp_sets.{i}", name, "stp")

    for i, name in enumerate(experiments["l18_fig5_membranes"]["neuron_sets"]):
        key = f"experiments.l18_fig5_membranes.neuron_sets.{i}"
        _refer(config, key, name, "neurons")
        _refer(config, key, name, "noise")
        _check_noise_fits_neuron(config, key, name, name)

    fig4 = experiments["p16_fig4"]
    shown = fig4["shown_units"]
    if len(set(shown)) != len(shown):
        raise ConfigError(f"config key 'experiments.p16_fig4.shown_units': units repeat ({shown})")
    too_high = [u for u in shown if u >= fig4["n_units"]]
    if too_high:
        raise ConfigError(f"config key 'experiments.p16_fig4.shown_units': {too_high} "
                          f"not below n_units = {fig4['n_units']}")

    shown = experiments["l18_fig3"]["classification"]
    if shown["settle_ms"] >= shown["image_ms"]:
        raise ConfigError("config key 'experiments.l18_fig3.classification.settle_ms': "
                          f"{shown['settle_ms']} ms leaves no read-out window before image_ms "
                          f"({shown['image_ms']} ms)")

    _check_sampling_fidelity(config)
    _check_tempering(config)
    for fig in ("l18_fig3", "l18_fig4", "sampling_fidelity"):  # all clamp units with currents
        calibration = experiments[fig]["calibration"]
        model = config["neurons"][cal_sets[calibration]["neuron"]]["model"]
        if model != "IF_curr_exp":
            raise ConfigError(f"config key 'experiments.{fig}.calibration': the network clamps "
                              f"pixels with currents of a CUBA neuron, {calibration!r} has "
                              f"{model} (L18 Methods: CUBA)")
    completion = experiments["l18_fig4"]["completion"]
    trained = {int(d) for d in config["data"]["completion"]["counts"]}
    if not set(completion["classes"]) <= trained:
        raise ConfigError("config key 'experiments.l18_fig4.completion.classes': "
                          f"{completion['classes']} are not all classes of the completion "
                          f"training set ({sorted(trained)})")

    digits = config["data"]["p16_digits"]
    outside = [u for u in experiments["p16_fig5"]["input_units"] if u >= digits["size"] ** 2]
    if outside:
        raise ConfigError(f"config key 'experiments.p16_fig5.input_units': {outside} are not "
                          f"pixels of the {digits['size']}x{digits['size']} digits")
    if digits["low"] >= digits["high"]:
        raise ConfigError(f"config key 'data.p16_digits.low': {digits['low']} must be below "
                          f"'data.p16_digits.high' ({digits['high']})")
    bars = config["data"]["bars"]
    for bar_set in BAR_SETS:
        n = len(bars[bar_set]["centres"])
        if n != len(bars["angles_deg"]):
            raise ConfigError(f"config key 'data.bars.{bar_set}.centres': {n} centres for "
                              f"{len(bars['angles_deg'])} angles ('data.bars.angles_deg')")


def _check_tempering(config: Mapping[str, Any]) -> None:
    """The tempering controls take their gains from the fidelity probe: its models and sets
    must be probed there, the gain-corrected set among them."""
    tempering = config["experiments"]["tempering"]
    fidelity = config["experiments"]["sampling_fidelity"]
    models = sorted({m for ms in _per_scale(tempering["models"]).values() for m in ms})
    for key, names, probed in (("models", models, fidelity["models"]),
                               ("stp_sets", tempering["stp_sets"], fidelity["stp_sets"])):
        missing = [n for n in names if n not in probed]
        if missing:
            raise ConfigError(f"config key 'experiments.tempering.{key}': {missing} not in "
                              f"'experiments.sampling_fidelity.{key}' ({list(probed)}), where "
                              "their weight gains are measured")
    for key in ("renewing_stp", "gain_corrected"):
        if tempering[key] not in fidelity["stp_sets"]:
            raise ConfigError(f"config key 'experiments.tempering.{key}': "
                              f"{tempering[key]!r} is not in 'experiments.sampling_fidelity."
                              f"stp_sets' ({list(fidelity['stp_sets'])})")
