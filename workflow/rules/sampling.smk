# Figure family sampling: P16 Fig 3 and L18 Fig 5b-d: small LIF networks sampling Boltzmann machines
# (runs by
# network and seed, gridded aggregate), L18 Fig 5's free membranes; figures p16_fig3, l18_fig5.
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "l18_coba_calibration": L18_COBA_CALIBRATION,
    "l18_cuba_calibration": L18_CUBA_CALIBRATION,
    "p16_fig3": "results/sims/p16_fig3.nc",
    "l18_fig5": "results/sims/l18_fig5.nc",
}


# LIF networks sampling from random BMs (P16 Fig 3, L18 Fig 5c-d): one NEST job per block of
# `networks_per_job` networks, which stores their spikes; `kind` is a trial on the
# experiment's BM or a run on a further random BM (P16 Fig 3D).
rule sampling_block:
    input:
        unpack(sampling_block_inputs),
    output:
        "results/sims/{experiment}/{kind}_block_{block}.nc",
    wildcard_constraints:
        experiment="|".join(SAMPLING),
        kind="trial|bm",
        block=r"\d+",
    params:
        job=lambda wc: families.sampling.sampling_block_slice(
            CFG, wc.experiment, wc.kind, int(wc.block)),
    group:
        "runs"
    log:
        f"{LOGS}/sims/{{experiment}}/{{kind}}_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/{{experiment}}/{{kind}}_block_{{block}}.tsv"
    resources:
        **cluster_resources("sampling_block"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule sampling_aggregate:
    """D_KL and joints of every run read from the stored spikes; the abstract sampler."""
    input:
        unpack(sampling_blocks),
    output:
        "results/sims/{experiment}.nc",
    wildcard_constraints:
        experiment="|".join(SAMPLING),
    params:
        job=lambda wc: families.sampling.sampling_aggregate_slice(CFG, wc.experiment),
    log:
        f"{LOGS}/sims/{{experiment}}_aggregate.log",
    benchmark:
        f"{BENCH}/sims/{{experiment}}_aggregate.tsv"
    resources:
        **cluster_resources("sampling_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig5_membranes:
    output:
        "results/sims/l18_fig5_membranes.nc",
    params:
        job=families.p16_fig2.l18_fig5_membranes_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig5_membranes.log",
    benchmark:
        f"{BENCH}/sims/l18_fig5_membranes.tsv"
    resources:
        **cluster_resources("l18_fig5_membranes"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_fig3:
    input:
        sampling="results/sims/p16_fig3.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig3.pdf",
        png=report(f"{FIGDIR}/p16_fig3.png", caption="../report/p16_fig3.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig3.log",
    benchmark:
        f"{BENCH}/figures/p16_fig3.tsv"
    resources:
        **cluster_resources("p16_fig3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule l18_fig5:
    input:
        cal_coba=L18_COBA_CALIBRATION,
        cal_cuba=L18_CUBA_CALIBRATION,
        sampling="results/sims/l18_fig5.nc",
        membranes="results/sims/l18_fig5_membranes.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig5.pdf",
        png=report(f"{FIGDIR}/l18_fig5.png", caption="../report/l18_fig5.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig5.log",
    benchmark:
        f"{BENCH}/figures/l18_fig5.tsv"
    resources:
        **cluster_resources("l18_fig5"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


# ---- your own Boltzmann machines (config boltzmann_machines; docs/your_own_data.md): each is
# one more member of this family, sampled by every network variant of experiments.user_bm
# (sampling experiments bm_<name>_<variant>), drawn as P16 Fig 3 (target bm_<name>) with its own
# claims table (results/claims_bm_<name>.csv).
rule user_bm:
    input:
        unpack(user_bm_file),
    output:
        "results/data/bm_{bm}.nc",
    wildcard_constraints:
        bm="|".join(USER_BMS) or "^$",
    params:
        job=lambda wc: families.sampling.user_bm_slice(CFG, wc.bm),
    log:
        f"{LOGS}/data/bm_{{bm}}.log",
    benchmark:
        f"{BENCH}/data/bm_{{bm}}.tsv"
    resources:
        **cluster_resources("user_bm"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


for _bm in USER_BMS:

    # the target: the figure and the claims table of this BM
    rule:
        name:
            f"bm_{_bm}"
        input:
            f"{FIGDIR}/bm_{_bm}.pdf",
            f"results/claims_bm_{_bm}.csv",

    rule:
        name:
            f"bm_{_bm}_figure"
        input:
            **{v: f"results/sims/bm_{_bm}_{v}.nc" for v in USER_BM_VARIANTS},
        output:
            pdf=f"{FIGDIR}/bm_{_bm}.pdf",
            png=f"{FIGDIR}/bm_{_bm}.png",
        params:
            figure="user_bm",
        log:
            f"{LOGS}/figures/bm_{_bm}.log",
        benchmark:
            f"{BENCH}/figures/bm_{_bm}.tsv"
        resources:
            **cluster_resources(f"bm_{_bm}_figure"),
        conda:
            CONDA_ENV
        script:
            "../scripts/figure.py"

    rule:
        name:
            f"bm_{_bm}_claims"
        input:
            **{v: f"results/sims/bm_{_bm}_{v}.nc" for v in USER_BM_VARIANTS},
        output:
            csv=f"results/claims_bm_{_bm}.csv",
            md=f"results/claims_bm_{_bm}.md",
        params:
            bm=_bm,
            scale=SCALE,
        log:
            f"{LOGS}/analysis/claims_bm_{_bm}.log",
        benchmark:
            f"{BENCH}/analysis/claims_bm_{_bm}.tsv"
        resources:
            **cluster_resources(f"bm_{_bm}_claims"),
        conda:
            CONDA_ENV
        script:
            "../scripts/user_bm_claims.py"
