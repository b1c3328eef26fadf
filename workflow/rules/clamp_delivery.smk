# Where the sampling-fidelity probe's logit offsets come from (a question of this study,
# docs/clamp_delivery.md): one clamped input delivered five ways with one mean
# (lifsampling.experiments.clamp_delivery). Job entry: workflow/scripts/job.py.

CLAMP_DELIVERY = EXPERIMENTS["clamp_delivery"]

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "clamp_delivery": "results/sims/clamp_delivery.nc",
}


rule clamp_delivery_run:
    """Every delivery and synapse set of the probe's random RBM, one NEST kernel per set."""
    input:
        calibration=calibration_file(CLAMP_DELIVERY["calibration"]),
    output:
        "results/sims/clamp_delivery.nc",
    params:
        job=families.clamp_delivery.clamp_delivery_run_slice(CFG),
    log:
        f"{LOGS}/sims/clamp_delivery.log",
    benchmark:
        f"{BENCH}/sims/clamp_delivery.tsv"
    resources:
        **cluster_resources("clamp_delivery_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule clamp_delivery:
    input:
        clamp_delivery="results/sims/clamp_delivery.nc",
    output:
        pdf=f"{FIGDIR}/clamp_delivery.pdf",
        png=report(f"{FIGDIR}/clamp_delivery.png", caption="../report/clamp_delivery.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/clamp_delivery.log",
    benchmark:
        f"{BENCH}/figures/clamp_delivery.tsv"
    resources:
        **cluster_resources("clamp_delivery"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
