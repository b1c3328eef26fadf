# Reproduction of Petrovici et al. 2016 (P16) and Leng et al. 2018 (L18) as one workflow.
# Stages: data -> train -> calibrate -> scans -> simulate -> analysis -> figures.
# Every paper figure is a wildcard-free target named like the figure (see README.md).
from snakemake.utils import min_version

min_version("9.0")


configfile: os.path.join(workflow.basedir, "config.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/data.smk"
include: "workflow/rules/train.smk"
include: "workflow/rules/calibrate.smk"
include: "workflow/rules/simulate.smk"
include: "workflow/rules/analysis.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/sampling_fidelity.smk"


rule all:
    input:
        FIGURE_OUTPUTS,
        expand("results/models/{model}.nc", model=MODELS),
        expand("results/analysis/classification_{model}.nc", model=CLASSIFIED_MODELS),
        "results/claims.csv",
        "results/claims_mnist.csv",
        "results/calibration.nc",
    default_target: True
