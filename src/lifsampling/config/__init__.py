"""The study's configuration: schema validation, scale resolution, seeds and hashes.

`config.yaml` is the one place for every parameter. This module checks it against
`workflow/schemas/config.schema.yaml` with each family's schema merged in
(`workflow/schemas/families/`), filling defaults, and its cross-references (`references`),
resolves values given per scale (``{smoke: a, quick: b, paper: c}``) and
derives independent, reproducible seeds for every stochastic step from the master seed.
`slices` cuts the resolved config into the part each job reads (its Snakemake `params`).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import ConfigError
from .references import SCALES, check_references, is_per_scale

REPO_ROOT = Path(__file__).resolve().parents[3]
# The length of a job's work: biological time, samples, iterations, clamped states.
# `work_fraction` < 1 cuts every such value by that factor (benchmarks/paper_cost.py measures
# fractions of paper jobs; `make rehearse-paper` runs the paper DAG at one); counts of jobs
# (seeds, runs, BMs), of networks in a job and everything else stay as they are.
WORK_KEYS = frozenset({"bm_ms", "burn_in", "duration_ms", "joint_ms", "trial_ms", "gibbs_sweeps",
                       "iterations", "n_iterations", "n_opt_base", "n_samples", "n_images",
                       "n_states", "n_steps", "shown_every"})
SCHEMA_PATH = REPO_ROOT / "workflow" / "schemas" / "config.schema.yaml"


def read_yaml(path: Path | str) -> Any:
    """A YAML file's content, with libyaml's parser where PyYAML has it (5x faster: every
    Snakemake start, on a cluster every job, reads the config and its schema)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(), Loader=loader)


def _validator_filling_defaults(schema: dict) -> jsonschema.protocols.Validator:
    """A Draft 2020-12 validator that writes `default` values into the instance."""
    base = jsonschema.Draft202012Validator
    check_properties = base.VALIDATORS["properties"]

    def properties_with_defaults(validator, properties, instance, schema_):
        if isinstance(instance, dict):
            for key, sub in properties.items():
                if isinstance(sub, dict) and "default" in sub:
                    instance.setdefault(key, copy.deepcopy(sub["default"]))
        yield from check_properties(validator, properties, instance, schema_)

    cls = jsonschema.validators.extend(base, {"properties": properties_with_defaults})
    return cls(schema)


def _key_path(error: jsonschema.ValidationError) -> str:
    path = ".".join(str(p) for p in error.absolute_path)
    return path or "<top level>"


def _unknown_keys(error: jsonschema.ValidationError) -> list[str]:
    """Keys an object may not have (additionalProperties: false), in config-key notation."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return []
    known = set(error.schema.get("properties", {}))
    prefix = ".".join(str(p) for p in error.absolute_path)
    return [f"{prefix}.{k}" if prefix else str(k) for k in sorted(set(error.instance) - known)]


def _error_lines(error: jsonschema.ValidationError) -> list[str]:
    unknown = _unknown_keys(error)
    if unknown:
        allowed = sorted(error.schema.get("properties", {}))
        return [f"config key '{key}': unknown key (allowed here: {allowed})" for key in unknown]
    return [f"config key '{_key_path(error)}': {_best_message(error)}"]


def read_schema(schema_path: Path = SCHEMA_PATH) -> dict:
    """The config schema: `schema_path` with each figure family's own schema of its
    `experiments.<entry>` (``families/<entry>.schema.yaml`` beside it) merged in, so a new
    family brings its schema in a file of its own."""
    schema = read_yaml(schema_path)
    entries = schema["properties"]["experiments"]["properties"]
    for path in sorted((Path(schema_path).parent / "families").glob("*.schema.yaml")):
        entry = path.name.removesuffix(".schema.yaml")
        if entry in entries:
            raise ConfigError(f"schema {path}: experiments.{entry} is also defined in "
                              f"{schema_path}; one schema per entry")
        entries[entry] = read_yaml(path)
    return schema


def validate_config(config: Mapping[str, Any], schema_path: Path = SCHEMA_PATH) -> dict:
    """Check `config` against the schema (`read_schema`) and fill in defaults.

    Returns a validated deep copy. Raises `ConfigError` naming every offending key,
    e.g. ``config key 'data.mnist.binarize_threshold': 1.5 is greater than ...``.
    """
    schema = read_schema(schema_path)
    instance = copy.deepcopy(dict(config))
    validator = _validator_filling_defaults(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [line for e in errors for line in _error_lines(e)]
        joined = "\n  ".join(lines)
        raise ConfigError(f"invalid config (schema {schema_path}):\n  {joined}")
    check_references(instance)
    return instance


def _best_message(error: jsonschema.ValidationError) -> str:
    # oneOf errors hide the real cause in their context: report the deepest one
    if error.context:
        deepest = max(error.context, key=lambda e: len(e.absolute_path))
        return deepest.message
    return error.message


def resolve_scale(config: Mapping[str, Any], scale: str | None = None) -> dict:
    """Replace every ``{smoke: a, quick: b, paper: c}`` by the value of the chosen scale."""
    scale = scale or config["scale"]
    if scale not in SCALES:
        raise ConfigError(f"config key 'scale': {scale!r} is not one of {SCALES}")

    def resolve(value: Any) -> Any:
        if is_per_scale(value):
            return value[scale]
        if isinstance(value, Mapping):
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    return fraction_of_work(resolve(config), config.get("work_fraction", 1.0))


def fraction_of_work(config: Any, fraction: float) -> Any:
    """`config` with every WORK_KEYS value times `fraction` (integers rounded, at least 1)."""
    if fraction == 1.0:
        return config
    if isinstance(config, list):
        return [fraction_of_work(v, fraction) for v in config]
    if not isinstance(config, Mapping):
        return config
    out = {}
    for key, value in config.items():
        if key in WORK_KEYS and isinstance(value, int | float) and not isinstance(value, bool):
            value = max(1, round(value * fraction)) if isinstance(value, int) else value * fraction
        out[key] = fraction_of_work(value, fraction)
    return out


def load_config(path: Path | str, overrides: Mapping[str, Any] | None = None) -> dict:
    """Read, validate and scale-resolve a config file (the workflow's and the tests' entry)."""
    raw = read_yaml(path)
    raw.update(overrides or {})
    return resolve_scale(validate_config(raw))


def config_hash(config: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of `config` (provenance of every output)."""
    text = json.dumps(config, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def derive_seed(master_seed: int, *keys: object) -> int:
    """An independent 31-bit seed for one stochastic step, named by `keys`.

    The same (master seed, keys) always gives the same seed, whatever the order in
    which Snakemake runs jobs; different keys give unrelated seeds.
    """
    text = json.dumps([master_seed, *map(str, keys)])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little") & 0x7FFFFFFF
