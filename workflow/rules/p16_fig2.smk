# Figure family p16_fig2: P16 Fig 2: the LIF activation function in NEST against P16's theory and
# two older
# predictions (free-membrane trace, theory curves, figure).
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "p16_calibration": P16_CALIBRATION,
    "p16_fig2_theory": "results/analysis/p16_fig2_theory.nc",
}


rule p16_fig2_trace:
    output:
        "results/sims/p16_fig2_trace.nc",
    params:
        job=families.p16_fig2.p16_fig2_trace_slice(CFG),
    log:
        f"{LOGS}/sims/p16_fig2_trace.log",
    benchmark:
        f"{BENCH}/sims/p16_fig2_trace.tsv"
    resources:
        **cluster_resources("p16_fig2_trace"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig2_theory:
    input:
        calibration=P16_CALIBRATION,
    output:
        "results/analysis/p16_fig2_theory.nc",
    params:
        job=families.p16_fig2.p16_fig2_theory_slice(CFG),
    log:
        f"{LOGS}/analysis/p16_fig2_theory.log",
    benchmark:
        f"{BENCH}/analysis/p16_fig2_theory.tsv"
    resources:
        **cluster_resources("p16_fig2_theory"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig2:
    input:
        trace="results/sims/p16_fig2_trace.nc",
        theory="results/analysis/p16_fig2_theory.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig2.pdf",
        png=report(f"{FIGDIR}/p16_fig2.png", caption="../report/p16_fig2.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig2.log",
    benchmark:
        f"{BENCH}/figures/p16_fig2.tsv"
    resources:
        **cluster_resources("p16_fig2"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
