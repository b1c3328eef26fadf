# What STP buys beyond a global weight scale (a question of this study, docs/tempering.md):
# every STP set beside Gibbs, AST and renewing networks at its measured weight gain, and the
# sweeps of a global scale (lifsampling.experiments.tempering). The gains come from the
# sampling-fidelity probe's runs of each model. Job entry: workflow/scripts/job.py.

TEMPERING = EXPERIMENTS["tempering"]

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "tempering": "results/sims/tempering.nc",
}


rule tempering_run:
    """One model and seed: Gibbs and AST at every scale, the STP sets and the renewing
    networks at theirs (one NEST kernel)."""
    input:
        model="results/models/{model}.nc",
        calibration=calibration_file(TEMPERING["calibration"]),
        fidelity=tempering_fidelity_runs,
        data="results/data/mnist.nc",
    output:
        "results/sims/tempering/{model}_seed_{seed}.nc",
    wildcard_constraints:
        model="|".join(TEMPERING["models"]),
        seed=r"\d+",
    params:
        job=lambda wc: families.tempering.tempering_run_slice(CFG, wc.model, int(wc.seed)),
    log:
        f"{LOGS}/sims/tempering/{{model}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/tempering/{{model}}_seed_{{seed}}.tsv"
    threads: nest_threads(families.tempering)
    resources:
        **cluster_resources("tempering_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule tempering_aggregate:
    """Every run read alike (ISL, stays, on-pixels, balance) on one grid."""
    input:
        runs=[f"results/sims/tempering/{m}_seed_{s}.nc"
              for m, s in families.tempering.tempering_runs(CFG)],
        data="results/data/mnist.nc",
    output:
        "results/sims/tempering.nc",
    params:
        job=families.tempering.tempering_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/tempering_aggregate.log",
    benchmark:
        f"{BENCH}/sims/tempering_aggregate.tsv"
    resources:
        **cluster_resources("tempering_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule tempering:
    input:
        tempering="results/sims/tempering.nc",
    output:
        pdf=f"{FIGDIR}/tempering.pdf",
        png=report(f"{FIGDIR}/tempering.png", caption="../report/tempering.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/tempering.log",
    benchmark:
        f"{BENCH}/figures/tempering.tsv"
    resources:
        **cluster_resources("tempering"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
