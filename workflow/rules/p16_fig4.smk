# Figure family p16_fig4: P16 Fig 4: K = 500 LIF networks against a Gibbs reference, three weight
# scales, three
# translation variants.
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "p16_fig4": "results/sims/p16_fig4.nc",
}


# P16 Fig 4: K = 500 networks. The Gibbs reference and the NEST runs of a weight scale are
# independent jobs; the aggregate compares them.
rule p16_fig4_reference:
    output:
        "results/sims/p16_fig4/reference_w{weight_scale}.nc",
    wildcard_constraints:
        weight_scale="|".join(P16_FIG4_SCALES),
    params:
        job=lambda wc: families.p16_fig4.p16_fig4_reference_slice(CFG, wc.weight_scale),
    log:
        f"{LOGS}/sims/p16_fig4/reference_w{{weight_scale}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4/reference_w{{weight_scale}}.tsv"
    resources:
        **cluster_resources("p16_fig4_reference"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig4_run:
    input:
        unpack(p16_fig4_run_inputs),
    output:
        "results/sims/p16_fig4/{variant}/run_w{weight_scale}_{run}.nc",
    wildcard_constraints:
        variant="|".join(EXPERIMENTS["p16_fig4"]["variants"]),
        weight_scale="|".join(P16_FIG4_SCALES),
        run=r"\d+",
    params:
        job=lambda wc: families.p16_fig4.p16_fig4_run_slice(
            CFG, wc.variant, wc.weight_scale, int(wc.run)),
    group:
        "runs"
    log:
        f"{LOGS}/sims/p16_fig4/{{variant}}/run_w{{weight_scale}}_{{run}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4/{{variant}}/run_w{{weight_scale}}_{{run}}.tsv"
    threads: nest_threads(families.p16_fig4)
    resources:
        **cluster_resources("p16_fig4_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig4_aggregate:
    input:
        references=expand("results/sims/p16_fig4/reference_w{weight_scale}.nc",
                          weight_scale=P16_FIG4_SCALES),
        runs=P16_FIG4_RUNS,
    output:
        "results/sims/p16_fig4.nc",
    params:
        job=families.p16_fig4.p16_fig4_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/p16_fig4_aggregate.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4_aggregate.tsv"
    resources:
        **cluster_resources("p16_fig4_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig4:
    input:
        network="results/sims/p16_fig4.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig4.pdf",
        png=report(f"{FIGDIR}/p16_fig4.png", caption="../report/p16_fig4.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig4.log",
    benchmark:
        f"{BENCH}/figures/p16_fig4.tsv"
    resources:
        **cluster_resources("p16_fig4"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
