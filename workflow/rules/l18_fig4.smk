# Figure family l18_fig4: L18 Fig 4: imbalanced training data (a-c) and pattern completion (d-f):
# Gibbs, AST,
# LIF+STP and renewing synapses on the same RBMs.
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "l18_fig4_imbalanced": "results/sims/l18_fig4_imbalanced.nc",
    "l18_fig4_completion": "results/sims/l18_fig4_completion.nc",
}


# L18 Fig 4: Gibbs, AST and the spiking samplers (L18's set, renewing, the best set of the L18
# Fig 3a scans) on the imbalanced (a-c) and completion (d-f) models.
# No group (unlike the other runs): it reads the Fig 3a scans' best set, whose points are in
# group "runs", and a group may not feed itself through a job outside it.
rule l18_fig4_run:
    input:
        model="results/models/{model}.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(L18_FIG4["calibration"]),
        scans=[f"results/sims/l18_fig3_scan_{scan}.nc" for scan in L18_FIG3_SCANS],
    output:
        "results/sims/l18_fig4/{model}_samples_seed_{seed}.nc",
    wildcard_constraints:
        model="|".join(L18_FIG4_MODELS),
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig4.l18_fig4_run_slice(CFG, wc.model, int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig4/{{model}}_samples_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig4/{{model}}_samples_seed_{{seed}}.tsv"
    threads: nest_threads(families.l18_fig4)
    resources:
        **cluster_resources("l18_fig4_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig4_analysis:
    """Modes, balances and shown images of one seed, read from its stored samples: an edit of
    mode_window, tsne_ms or shown_every re-runs no simulation."""
    input:
        samples="results/sims/l18_fig4/{model}_samples_seed_{seed}.nc",
    output:
        "results/sims/l18_fig4/{model}_seed_{seed}.nc",
    wildcard_constraints:
        model="|".join(L18_FIG4_MODELS),
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig4.l18_fig4_analysis_slice(CFG, wc.model),
    log:
        f"{LOGS}/sims/l18_fig4/{{model}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig4/{{model}}_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("l18_fig4_analysis"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig4_aggregate:
    """The seeds of one L18 Fig 4 model, dims (seed, sampler, ...), and the tSNE of Fig 4c."""
    input:
        runs=l18_fig4_runs,
    output:
        "results/sims/l18_fig4_{model}.nc",
    wildcard_constraints:
        model="|".join(L18_FIG4_MODELS),
    params:
        job=lambda wc: families.l18_fig4.l18_fig4_aggregate_slice(CFG, wc.model),
    log:
        f"{LOGS}/sims/l18_fig4_{{model}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig4_{{model}}.tsv"
    resources:
        **cluster_resources("l18_fig4_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig4:
    input:
        imbalanced="results/sims/l18_fig4_imbalanced.nc",
        completion="results/sims/l18_fig4_completion.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig4.pdf",
        png=report(f"{FIGDIR}/l18_fig4.png", caption="../report/l18_fig4.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig4.log",
    benchmark:
        f"{BENCH}/figures/l18_fig4.tsv"
    resources:
        **cluster_resources("l18_fig4"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
