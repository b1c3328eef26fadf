# Sampling fidelity: do the trained RBMs' LIF networks sample the RBMs? One NEST job per
# (model, synapse set) with clamped and free networks, one Gibbs reference per model, the
# gridded aggregate and the figure (lifsampling.experiments.sampling_fidelity).
# Its names and the input function of its runs are in common.smk (snakemake --lint).

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "sampling_fidelity": "results/sims/sampling_fidelity.nc",
}


rule sampling_fidelity_run:
    input:
        unpack(fidelity_run_inputs),
    output:
        f"{FIDELITY_DIR}/{{model}}/{{stp_set}}.nc",
    wildcard_constraints:
        model="|".join(FIDELITY_MODELS),
        stp_set="|".join(FIDELITY["stp_sets"]),
    params:
        job=lambda wc: families.sampling_fidelity.sampling_fidelity_run_slice(
            CFG, wc.model, wc.stp_set),
    log:
        f"{LOGS}/sims/sampling_fidelity/{{model}}/{{stp_set}}.log",
    benchmark:
        f"{BENCH}/sims/sampling_fidelity/{{model}}/{{stp_set}}.tsv"
    threads: nest_threads(families.sampling_fidelity)
    resources:
        **cluster_resources("sampling_fidelity_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule sampling_fidelity_reference:
    input:
        model="results/models/{model}.nc",
        training_data=training_data,
    output:
        f"{FIDELITY_DIR}/{{model}}/gibbs.nc",
    wildcard_constraints:
        model="|".join(FIDELITY_MODELS),
    params:
        job=lambda wc: families.sampling_fidelity.sampling_fidelity_reference_slice(CFG, wc.model),
    log:
        f"{LOGS}/sims/sampling_fidelity/{{model}}/gibbs.log",
    benchmark:
        f"{BENCH}/sims/sampling_fidelity/{{model}}/gibbs.tsv"
    resources:
        **cluster_resources("sampling_fidelity_reference"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule sampling_fidelity_aggregate:
    input:
        runs=[f"{FIDELITY_DIR}/{m}/{s}.nc" for m, s in families.sampling_fidelity.runs(CFG)],
        references=[f"{FIDELITY_DIR}/{m}/gibbs.nc" for m in FIDELITY["models"]],
    output:
        f"{FIDELITY_DIR}.nc",
    params:
        job=families.sampling_fidelity.sampling_fidelity_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/sampling_fidelity_aggregate.log",
    benchmark:
        f"{BENCH}/sims/sampling_fidelity_aggregate.tsv"
    resources:
        **cluster_resources("sampling_fidelity_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule sampling_fidelity:
    input:
        fidelity=f"{FIDELITY_DIR}.nc",
    output:
        pdf=f"{FIGDIR}/sampling_fidelity.pdf",
        png=report(f"{FIGDIR}/sampling_fidelity.png", caption="../report/sampling_fidelity.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/sampling_fidelity.log",
    benchmark:
        f"{BENCH}/figures/sampling_fidelity.tsv"
    resources:
        **cluster_resources("sampling_fidelity"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


# ---- the RBMs of your datasets (target generative_<name>): the same runs and references, each
# model on a grid and in a figure of its own, its checks in its claims table
for _model, _member in USER_FIDELITY.items():

    rule:
        name:
            f"{_member}_fidelity_aggregate"
        input:
            runs=[f"{FIDELITY_DIR}/{_model}/{s}.nc" for s in FIDELITY["stp_sets"]],
            references=[f"{FIDELITY_DIR}/{_model}/gibbs.nc"],
        output:
            f"results/sims/{_member}_fidelity.nc",
        params:
            job=families.sampling_fidelity.sampling_fidelity_aggregate_slice(CFG, [_model]),
            function="sampling_fidelity_aggregate",
        log:
            f"{LOGS}/sims/{_member}_fidelity_aggregate.log",
        benchmark:
            f"{BENCH}/sims/{_member}_fidelity_aggregate.tsv"
        resources:
            **cluster_resources("sampling_fidelity_aggregate"),
        conda:
            CONDA_ENV
        script:
            "../scripts/job.py"

    rule:
        name:
            f"{_member}_fidelity_figure"
        input:
            fidelity=f"results/sims/{_member}_fidelity.nc",
        output:
            pdf=f"{FIGDIR}/{_member}_fidelity.pdf",
            png=f"{FIGDIR}/{_member}_fidelity.png",
        params:
            figure="sampling_fidelity",
        log:
            f"{LOGS}/figures/{_member}_fidelity.log",
        benchmark:
            f"{BENCH}/figures/{_member}_fidelity.tsv"
        resources:
            **cluster_resources("sampling_fidelity"),
        conda:
            CONDA_ENV
        script:
            "../scripts/figure.py"
