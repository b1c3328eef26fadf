# Reproduction of Petrovici et al. 2016 (P16) and Leng et al. 2018 (L18) as one workflow.
# Shared stages (data, train, calibrate), one .smk per figure family, then the claims.
# Every paper figure is a wildcard-free target named like the figure (see README.md).
from snakemake.utils import min_version

min_version("9.0")


configfile: os.path.join(workflow.basedir, "config.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
# shared stages
include: "workflow/rules/data.smk"
include: "workflow/rules/train.smk"
include: "workflow/rules/calibrate.smk"
# figure families: each runs its simulations, aggregates them and draws its figures
include: "workflow/rules/l18_fig1.smk"
include: "workflow/rules/l18_fig2.smk"
include: "workflow/rules/l18_fig3.smk"
include: "workflow/rules/l18_fig4.smk"
include: "workflow/rules/p16_fig2.smk"
include: "workflow/rules/sampling.smk"
include: "workflow/rules/p16_fig4.smk"
include: "workflow/rules/p16_fig5.smk"
include: "workflow/rules/parameter_sets.smk"
include: "workflow/rules/sampling_fidelity.smk"
# the claims of every family
include: "workflow/rules/claims.smk"

# Every figure target: the rules that draw into results/figures/ (one per paper figure, defined
# by its family's .smk; never listed by hand).
FIGURES = sorted(r.name for r in workflow.rules
                 if any(str(f).startswith(f"{FIGDIR}/") for f in r.output))


rule all:
    input:
        [f"{FIGDIR}/{fig}.pdf" for fig in FIGURES],
        expand("results/models/{model}.nc", model=MODELS),
        expand("results/analysis/classification_{model}.nc", model=CLASSIFIED_MODELS),
        "results/claims.csv",
        "results/claims_mnist.csv",
        "results/calibration.nc",
    default_target: True
