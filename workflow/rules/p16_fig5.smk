# Figure family p16_fig5: P16 Fig 5: the inference demo, 144 LIF units storing 0, 3 and 4 (training
# in the loop,
# prior and posterior runs).
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "p16_fig5": "results/sims/p16_fig5.nc",
}


# P16 Fig 5: the 144-unit network storing 0, 3, 4, trained in the loop; prior and posterior.
rule p16_fig5_train:
    input:
        digits="results/data/p16_digits.nc",
        calibration=P16_FIG5_CALIBRATION,
    output:
        "results/sims/p16_fig5_model.nc",
    params:
        job=families.p16_fig5.p16_fig5_train_slice(CFG),
    log:
        f"{LOGS}/sims/p16_fig5_model.log",
    benchmark:
        f"{BENCH}/sims/p16_fig5_model.tsv"
    resources:
        **cluster_resources("p16_fig5_train"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig5_sampling:
    input:
        model="results/sims/p16_fig5_model.nc",
        digits="results/data/p16_digits.nc",
        calibration=P16_FIG5_CALIBRATION,
    output:
        "results/sims/p16_fig5.nc",
    params:
        job=families.p16_fig5.p16_fig5_sampling_slice(CFG),
    log:
        f"{LOGS}/sims/p16_fig5.log",
    benchmark:
        f"{BENCH}/sims/p16_fig5.tsv"
    resources:
        **cluster_resources("p16_fig5_sampling"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig5:
    input:
        model="results/sims/p16_fig5_model.nc",
        inference="results/sims/p16_fig5.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig5.pdf",
        png=report(f"{FIGDIR}/p16_fig5.png", caption="../report/p16_fig5.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig5.log",
    benchmark:
        f"{BENCH}/figures/p16_fig5.tsv"
    resources:
        **cluster_resources("p16_fig5"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
