# Figure family parameter_sets: P16 Fig 6-7 (App. XI-XII): activation functions and sampling for the
# default and five
# other parameter sets.
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "p16_fig6": "results/analysis/p16_fig6.nc",
    "p16_fig7": "results/sims/p16_fig7.nc",
}


rule p16_fig6_predictions:
    """P16 Fig 6 (App. XI): P16 theory, [16] and [17] against NEST for every parameter set."""
    input:
        **{s: calibration_file(s) for s in EXPERIMENTS["p16_fig6"]["calibration_sets"]},
        **{r: f"results/calibration/simulators/{r}.nc"
           for r in EXPERIMENTS["p16_fig6"]["simulators"]},
    output:
        "results/analysis/p16_fig6.nc",
    params:
        job=families.parameter_sets.p16_fig6_predictions_slice(CFG),
    log:
        f"{LOGS}/analysis/p16_fig6.log",
    benchmark:
        f"{BENCH}/analysis/p16_fig6.tsv"
    resources:
        **cluster_resources("p16_fig6_predictions"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig7_set:
    """P16 Fig 7 (App. XII): K = 5 networks of one parameter set on the shared random BMs."""
    input:
        calibration=lambda wc: calibration_file(wc.calibration_set),
    output:
        "results/sims/p16_fig7/{calibration_set}.nc",
    wildcard_constraints:
        calibration_set="|".join(EXPERIMENTS["p16_fig7"]["calibration_sets"]),
    params:
        job=lambda wc: families.parameter_sets.p16_fig7_set_slice(CFG, wc.calibration_set),
    group:
        "runs"
    log:
        f"{LOGS}/sims/p16_fig7/{{calibration_set}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig7/{{calibration_set}}.tsv"
    resources:
        **cluster_resources("p16_fig7_set"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig7_aggregate:
    input:
        **{s: f"results/sims/p16_fig7/{s}.nc" for s in EXPERIMENTS["p16_fig7"]["calibration_sets"]},
    output:
        "results/sims/p16_fig7.nc",
    params:
        job=families.parameter_sets.p16_fig7_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/p16_fig7_aggregate.log",
    benchmark:
        f"{BENCH}/sims/p16_fig7_aggregate.tsv"
    resources:
        **cluster_resources("p16_fig7_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig6:
    input:
        predictions="results/analysis/p16_fig6.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig6.pdf",
        png=report(f"{FIGDIR}/p16_fig6.png", caption="../report/p16_fig6.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig6.log",
    benchmark:
        f"{BENCH}/figures/p16_fig6.tsv"
    resources:
        **cluster_resources("p16_fig6"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig7:
    input:
        sampling="results/sims/p16_fig7.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig7.pdf",
        png=report(f"{FIGDIR}/p16_fig7.png", caption="../report/p16_fig7.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig7.log",
    benchmark:
        f"{BENCH}/figures/p16_fig7.tsv"
    resources:
        **cluster_resources("p16_fig7"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
