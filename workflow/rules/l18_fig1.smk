# Figure family l18_fig1: L18 Fig 1d: Tsodyks-Markram PSP envelopes and membrane traces (NEST
# tsodyks2_synapse).
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "l18_fig1_stp": "results/sims/l18_fig1_stp.nc",
}


rule l18_fig1_stp:
    output:
        "results/sims/l18_fig1_stp.nc",
    params:
        job=families.l18_fig1.l18_fig1_stp_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig1_stp.log",
    benchmark:
        f"{BENCH}/sims/l18_fig1_stp.tsv"
    resources:
        **cluster_resources("l18_fig1_stp"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig1:
    input:
        l18_fig1_stp="results/sims/l18_fig1_stp.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig1.pdf",
        png=report(f"{FIGDIR}/l18_fig1.png", caption="../report/l18_fig1.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig1.log",
    benchmark:
        f"{BENCH}/figures/l18_fig1.tsv"
    resources:
        **cluster_resources("l18_fig1"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
