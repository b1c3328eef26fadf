# Reproduction of Petrovici et al. 2016 (P16) and Leng et al. 2018 (L18) as one workflow.
# Shared stages (data, train, calibrate), one .smk per figure family, then the claims.
# Every paper figure is a wildcard-free target named like the figure (see README.md).
from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")


configfile: os.path.join(workflow.basedir, "config.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
# shared stages
include: "workflow/rules/data.smk"
include: "workflow/rules/train.smk"
include: "workflow/rules/calibrate.smk"
# figure families: each runs its simulations, aggregates them and draws its figures; every
# .smk of workflow/rules/ that is not a shared stage is one (a new family is a new file)
SHARED_STAGES = {"common", "data", "train", "calibrate", "claims"}
for family_smk in sorted(Path(workflow.basedir, "workflow", "rules").glob("*.smk")):
    if family_smk.stem not in SHARED_STAGES:

        include: family_smk


# the claims of every family
include: "workflow/rules/claims.smk"

# Every figure: the PDFs the rules draw into results/figures/ (one per paper figure, defined by
# its family's .smk, and one per user BM and dataset; never listed by hand).
FIGURES = sorted(Path(str(f)).stem for r in workflow.rules for f in r.output
                 if str(f).startswith(f"{FIGDIR}/") and str(f).endswith(".pdf"))


rule all:
    input:
        [f"{FIGDIR}/{fig}.pdf" for fig in FIGURES],
        expand("results/models/{model}.nc", model=MODELS),
        expand("results/analysis/classification_{model}.nc", model=CLASSIFIED_MODELS),
        "results/claims.csv",
        "results/claims_generative.csv",
        "results/calibration.nc",
        expand("results/claims_bm_{bm}.csv", bm=USER_BMS),
        expand("results/claims_{member}.csv", member=USER_GENERATIVE),
    default_target: True
