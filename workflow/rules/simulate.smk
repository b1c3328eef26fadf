# NEST simulations -> results/sims/*.nc


rule l18_fig1_stp:
    output:
        "results/sims/l18_fig1_stp.nc",
    params:
        cfg=CFG,
        seed=seed_for("l18_fig1"),
    log:
        f"{LOGS}/sims/l18_fig1_stp.log",
    benchmark:
        f"{BENCH}/sims/l18_fig1_stp.tsv"
    resources:
        runtime=10,
        mem_mb=2000,
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig1_stp.py"


# LIF networks sampling from random BMs (P16 Fig 3, L18 Fig 5c-d): one job per run.
rule sampling_trial:
    input:
        sampling_calibration,
    output:
        "results/sims/{exp}/trial_{run}.nc",
    wildcard_constraints:
        exp="|".join(SAMPLING),
        run=r"\d+",
    params:
        cfg=CFG,
        bm_seed=lambda wc: seed_for(wc.exp, "bm", 0),
        run_seed=lambda wc: seed_for(wc.exp, "trial", wc.run),
        duration=lambda wc: SAMPLING[wc.exp]["trial_ms"],
    log:
        f"{LOGS}/sims/{{exp}}/trial_{{run}}.log",
    benchmark:
        f"{BENCH}/sims/{{exp}}/trial_{{run}}.tsv"
    resources:
        runtime=lambda wc: 120 if SCALE == "paper" else 15,
    conda:
        CONDA_ENV
    script:
        "../scripts/sampling_run.py"


rule sampling_bm:
    input:
        sampling_calibration,
    output:
        "results/sims/{exp}/bm_{run}.nc",
    wildcard_constraints:
        exp="|".join(SAMPLING),
        run=r"\d+",
    params:
        cfg=CFG,
        bm_seed=lambda wc: seed_for(wc.exp, "bm", int(wc.run) + 1),
        run_seed=lambda wc: seed_for(wc.exp, "bm_run", wc.run),
        duration=lambda wc: SAMPLING[wc.exp]["bm_ms"],
    log:
        f"{LOGS}/sims/{{exp}}/bm_{{run}}.log",
    benchmark:
        f"{BENCH}/sims/{{exp}}/bm_{{run}}.tsv"
    resources:
        runtime=lambda wc: 120 if SCALE == "paper" else 15,
    conda:
        CONDA_ENV
    script:
        "../scripts/sampling_run.py"


rule sampling_aggregate:
    input:
        trials=lambda wc: expand("results/sims/{exp}/trial_{run}.nc", exp=wc.exp,
                                 run=range(SAMPLING[wc.exp]["n_trials"])),
        bms=lambda wc: expand("results/sims/{exp}/bm_{run}.nc", exp=wc.exp,
                              run=range(SAMPLING[wc.exp]["n_bms"])),
    output:
        "results/sims/{exp}.nc",
    wildcard_constraints:
        exp="|".join(SAMPLING),
    params:
        cfg=CFG,
        bm_seed=lambda wc: seed_for(wc.exp, "bm", 0),
        abstract_seeds=lambda wc: [seed_for(wc.exp, "abstract", i)
                                   for i in range(SAMPLING[wc.exp]["n_trials"])],
    log:
        f"{LOGS}/sims/{{exp}}_aggregate.log",
    benchmark:
        f"{BENCH}/sims/{{exp}}_aggregate.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/sampling_aggregate.py"


rule l18_fig5_membranes:
    output:
        "results/sims/l18_fig5_membranes.nc",
    params:
        cfg=CFG,
        seed=seed_for("l18_fig5", "membranes"),
    log:
        f"{LOGS}/sims/l18_fig5_membranes.log",
    benchmark:
        f"{BENCH}/sims/l18_fig5_membranes.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/free_membranes.py"


# L18 Fig 2b: STP grid, one job per (tau_fac, seed) holding all (U0, tau_rec) networks.
GRID = CFG["experiments"]["l18_fig2_grid"]


rule stp_grid_chunk:
    input:
        f"results/calibration/{GRID['calibration']}.nc",
    output:
        "results/sims/l18_fig2_grid/taufac_{tau_fac}_seed_{seed}.nc",
    wildcard_constraints:
        tau_fac=r"[0-9.]+",
        seed=r"\d+",
    params:
        cfg=CFG,
        bm_seed=lambda wc: seed_for("l18_fig2_grid", "bm", wc.seed),
        run_seed=lambda wc: seed_for("l18_fig2_grid", "run", wc.tau_fac, wc.seed),
    log:
        f"{LOGS}/sims/l18_fig2_grid/taufac_{{tau_fac}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid/taufac_{{tau_fac}}_seed_{{seed}}.tsv"
    resources:
        runtime=lambda wc: 240 if SCALE == "paper" else 20,
    conda:
        CONDA_ENV
    script:
        "../scripts/stp_grid_chunk.py"


rule stp_grid:
    input:
        expand("results/sims/l18_fig2_grid/taufac_{tau_fac}_seed_{seed}.nc",
               tau_fac=GRID["tau_fac_ms"], seed=range(GRID["n_seeds"])),
    output:
        "results/sims/l18_fig2_grid.nc",
    params:
        cfg=CFG,
        n_seeds=GRID["n_seeds"],
    log:
        f"{LOGS}/sims/l18_fig2_grid.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/stp_grid.py"


# P16 Fig 4: K = 500 networks; Gibbs reference per weight scale, one job per NEST run.
FIG4 = CFG["experiments"]["p16_fig4"]
FIG4_SCALES = [f"{s:g}" for s in FIG4["weight_scales"]]


rule p16_fig4_reference:
    output:
        "results/sims/p16_fig4/reference_w{wscale}.nc",
    wildcard_constraints:
        wscale="|".join(FIG4_SCALES),
    params:
        cfg=CFG,
        bm_seed=lambda wc: seed_for("p16_fig4", "bm", wc.wscale),
        seed=lambda wc: seed_for("p16_fig4", "gibbs", wc.wscale),
    log:
        f"{LOGS}/sims/p16_fig4/reference_w{{wscale}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4/reference_w{{wscale}}.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig4_reference.py"


rule p16_fig4_run:
    input:
        calibration=f"results/calibration/{FIG4['calibration']}.nc",
        reference="results/sims/p16_fig4/reference_w{wscale}.nc",
    output:
        "results/sims/p16_fig4/run_w{wscale}_{run}.nc",
    wildcard_constraints:
        wscale="|".join(FIG4_SCALES),
        run=r"\d+",
    params:
        cfg=CFG,
        bm_seed=lambda wc: seed_for("p16_fig4", "bm", wc.wscale),
        run_seed=lambda wc: seed_for("p16_fig4", "run", wc.wscale, wc.run),
    log:
        f"{LOGS}/sims/p16_fig4/run_w{{wscale}}_{{run}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4/run_w{{wscale}}_{{run}}.tsv"
    resources:
        runtime=lambda wc: 60 if SCALE == "paper" else 15,
        mem_mb=4000,
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig4_run.py"


rule p16_fig4_aggregate:
    input:
        references=expand("results/sims/p16_fig4/reference_w{wscale}.nc", wscale=FIG4_SCALES),
        runs=expand("results/sims/p16_fig4/run_w{wscale}_{run}.nc", wscale=FIG4_SCALES,
                    run=range(FIG4["n_runs"])),
    output:
        "results/sims/p16_fig4.nc",
    params:
        cfg=CFG,
        n_runs=FIG4["n_runs"],
    log:
        f"{LOGS}/sims/p16_fig4_aggregate.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4_aggregate.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig4_aggregate.py"


rule p16_fig2_trace:
    output:
        "results/sims/p16_fig2_trace.nc",
    params:
        cfg=CFG,
        seed=seed_for("p16_fig2", "trace"),
    log:
        f"{LOGS}/sims/p16_fig2_trace.log",
    benchmark:
        f"{BENCH}/sims/p16_fig2_trace.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig2_trace.py"
