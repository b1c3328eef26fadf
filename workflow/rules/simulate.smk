# NEST simulations -> results/sims/*.nc


rule l18_fig1_stp:
    output:
        "results/sims/l18_fig1_stp.nc",
    params:
        job=slices.l18_fig1(CFG),
    log:
        f"{LOGS}/sims/l18_fig1_stp.log",
    benchmark:
        f"{BENCH}/sims/l18_fig1_stp.tsv"
    resources:
        **cluster_resources("l18_fig1_stp"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig1_stp.py"


# LIF networks sampling from random BMs (P16 Fig 3, L18 Fig 5c-d): one job per run; `kind`
# is a trial on the experiment's BM or a run on a further random BM (P16 Fig 3D).
rule sampling_run:
    input:
        sampling_calibration,
    output:
        "results/sims/{exp}/{kind}_{run}.nc",
    wildcard_constraints:
        exp="|".join(SAMPLING),
        kind="trial|bm",
        run=r"\d+",
    params:
        job=lambda wc: slices.sampling_run(CFG, wc.exp, wc.kind, wc.run),
    log:
        f"{LOGS}/sims/{{exp}}/{{kind}}_{{run}}.log",
    benchmark:
        f"{BENCH}/sims/{{exp}}/{{kind}}_{{run}}.tsv"
    resources:
        **cluster_resources("sampling_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/sampling_run.py"


rule sampling_aggregate:
    input:
        unpack(sampling_runs),
    output:
        "results/sims/{exp}.nc",
    wildcard_constraints:
        exp="|".join(SAMPLING),
    params:
        job=lambda wc: slices.sampling_aggregate(CFG, wc.exp),
    log:
        f"{LOGS}/sims/{{exp}}_aggregate.log",
    benchmark:
        f"{BENCH}/sims/{{exp}}_aggregate.tsv"
    resources:
        **cluster_resources("sampling_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/sampling_aggregate.py"


rule l18_fig5_membranes:
    output:
        "results/sims/l18_fig5_membranes.nc",
    params:
        job=slices.free_membranes(CFG),
    log:
        f"{LOGS}/sims/l18_fig5_membranes.log",
    benchmark:
        f"{BENCH}/sims/l18_fig5_membranes.tsv"
    resources:
        **cluster_resources("l18_fig5_membranes"),
    conda:
        CONDA_ENV
    script:
        "../scripts/free_membranes.py"


# L18 Fig 2b: STP grid, one job per (tau_fac, seed) holding all (U0, tau_rec) networks.
rule stp_grid_chunk:
    input:
        calibration_file(GRID["calibration"]),
    output:
        "results/sims/l18_fig2_grid/taufac_{tau_fac}_seed_{seed}.nc",
    wildcard_constraints:
        tau_fac=r"[0-9.]+",
        seed=r"\d+",
    params:
        job=lambda wc: slices.stp_grid_chunk(CFG, float(wc.tau_fac), int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig2_grid/taufac_{{tau_fac}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid/taufac_{{tau_fac}}_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("stp_grid_chunk"),
    conda:
        CONDA_ENV
    script:
        "../scripts/stp_grid_chunk.py"


rule stp_grid:
    input:
        GRID_CHUNKS,
    output:
        "results/sims/l18_fig2_grid.nc",
    params:
        job=slices.stp_grid(CFG),
    log:
        f"{LOGS}/sims/l18_fig2_grid.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid.tsv"
    resources:
        **cluster_resources("stp_grid"),
    conda:
        CONDA_ENV
    script:
        "../scripts/stp_grid.py"


# L18 Fig 2c: Gibbs and LIF+STP samples of the bars RBMs, one job per (bar set, seed).
rule bars_sampling:
    input:
        model="results/models/bars_{difficulty}.nc",
        data="results/data/bars_{difficulty}.nc",
        calibration=calibration_file(BARS["calibration"]),
    output:
        "results/sims/l18_fig2_bars/{difficulty}_seed_{seed}.nc",
    wildcard_constraints:
        difficulty="|".join(BAR_SETS),
        seed=r"\d+",
    params:
        job=lambda wc: slices.bars_sampling(CFG, wc.difficulty, int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig2_bars/{{difficulty}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_bars/{{difficulty}}_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("bars_sampling"),
    conda:
        CONDA_ENV
    script:
        "../scripts/bars_sampling.py"


rule bars_mixing:
    input:
        unpack(bars_mixing_inputs),
    output:
        "results/sims/l18_fig2_bars.nc",
    params:
        job=slices.bars_mixing(CFG),
    log:
        f"{LOGS}/sims/l18_fig2_bars.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_bars.tsv"
    resources:
        **cluster_resources("bars_mixing"),
    conda:
        CONDA_ENV
    script:
        "../scripts/bars_mixing.py"


# L18 Fig 3: the MNIST RBM, Gibbs and LIF+STP per seed; OPT and POM references.
rule mnist_sampling:
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(FIG3["calibration"]),
    output:
        "results/sims/l18_fig3/seed_{seed}.nc",
    wildcard_constraints:
        seed=r"\d+",
    params:
        job=lambda wc: slices.mnist_sampling(CFG, int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig3/seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/seed_{{seed}}.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("mnist_sampling"),
    conda:
        CONDA_ENV
    script:
        "../scripts/mnist_sampling.py"


rule mnist_isl_1e3:
    """L18 Fig 3c: short runs (1e3 samples of Gibbs and of the spiking samplers, the best set
    of the Fig 3a scans among them) for a block of seeds."""
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(FIG3["calibration"]),
        scans=[f"results/sims/l18_fig3_scan_{scan}.nc" for scan in FIG3_SCANS],
    output:
        "results/sims/l18_fig3/isl_1e3_block_{block}.nc",
    wildcard_constraints:
        block=r"\d+",
    params:
        job=lambda wc: slices.mnist_isl_1e3(CFG, int(wc.block)),
    log:
        f"{LOGS}/sims/l18_fig3/isl_1e3_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/isl_1e3_block_{{block}}.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("mnist_isl_1e3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/mnist_isl_1e3.py"


rule mnist_scan_point:
    """L18 Fig 3a: the LIF+STP network of the MNIST RBM at one STP set of a 2D scan."""
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(FIG3["calibration"]),
    output:
        "results/sims/l18_fig3_scan/{scan}_{i}_{j}_seed_{seed}.nc",
    wildcard_constraints:
        scan="|".join(FIG3_SCANS),
        i=r"\d+",
        j=r"\d+",
        seed=r"\d+",
    params:
        job=lambda wc: slices.mnist_scan_point(CFG, wc.scan, int(wc.i), int(wc.j), int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig3_scan/{{scan}}_{{i}}_{{j}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3_scan/{{scan}}_{{i}}_{{j}}_seed_{{seed}}.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("mnist_scan_point"),
    conda:
        CONDA_ENV
    script:
        "../scripts/mnist_scan_point.py"


rule mnist_scan:
    """One 2D STP scan of L18 Fig 3a as a gridded netCDF: dims (seed, U0, tau_rec|tau_fac)."""
    input:
        mnist_scan_inputs,
    output:
        "results/sims/l18_fig3_scan_{scan}.nc",
    wildcard_constraints:
        scan="|".join(FIG3_SCANS),
    params:
        job=lambda wc: slices.mnist_scan(CFG, wc.scan),
    log:
        f"{LOGS}/sims/l18_fig3_scan_{{scan}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3_scan_{{scan}}.tsv"
    resources:
        **cluster_resources("mnist_scan"),
    conda:
        CONDA_ENV
    script:
        "../scripts/mnist_scan.py"


rule mnist_references:
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
    output:
        "results/sims/l18_fig3/references.nc",
    params:
        job=slices.mnist_references(CFG),
    log:
        f"{LOGS}/sims/l18_fig3/references.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/references.tsv"
    resources:
        **cluster_resources("mnist_references"),
    conda:
        CONDA_ENV
    script:
        "../scripts/mnist_references.py"


rule mnist_generative:
    input:
        runs=FIG3_RUNS,
        references="results/sims/l18_fig3/references.nc",
        short_runs=FIG3_SHORT_RUNS,
    output:
        "results/sims/l18_fig3.nc",
    params:
        job=slices.mnist_generative(CFG),
    log:
        f"{LOGS}/sims/l18_fig3_aggregate.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3_aggregate.tsv"
    resources:
        **cluster_resources("mnist_generative"),
    conda:
        CONDA_ENV
    script:
        "../scripts/mnist_generative.py"


# P16 Fig 4: K = 500 networks. The Gibbs reference and the NEST runs of a weight scale are
# independent jobs; the aggregate compares them.
rule p16_fig4_reference:
    output:
        "results/sims/p16_fig4/reference_w{wscale}.nc",
    wildcard_constraints:
        wscale="|".join(FIG4_SCALES),
    params:
        job=lambda wc: slices.p16_fig4_reference(CFG, wc.wscale),
    log:
        f"{LOGS}/sims/p16_fig4/reference_w{{wscale}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4/reference_w{{wscale}}.tsv"
    resources:
        **cluster_resources("p16_fig4_reference"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig4_reference.py"


rule p16_fig4_run:
    input:
        unpack(fig4_run_inputs),
    output:
        "results/sims/p16_fig4/{variant}/run_w{wscale}_{run}.nc",
    wildcard_constraints:
        variant="|".join(EXPERIMENTS["p16_fig4"]["variants"]),
        wscale="|".join(FIG4_SCALES),
        run=r"\d+",
    params:
        job=lambda wc: slices.p16_fig4_run(CFG, wc.variant, wc.wscale, int(wc.run)),
    log:
        f"{LOGS}/sims/p16_fig4/{{variant}}/run_w{{wscale}}_{{run}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4/{{variant}}/run_w{{wscale}}_{{run}}.tsv"
    threads: nest_threads("p16_fig4")
    resources:
        **cluster_resources("p16_fig4_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig4_run.py"


rule p16_fig4_aggregate:
    input:
        references=expand("results/sims/p16_fig4/reference_w{wscale}.nc", wscale=FIG4_SCALES),
        runs=FIG4_RUNS,
    output:
        "results/sims/p16_fig4.nc",
    params:
        job=slices.p16_fig4_aggregate(CFG),
    log:
        f"{LOGS}/sims/p16_fig4_aggregate.log",
    benchmark:
        f"{BENCH}/sims/p16_fig4_aggregate.tsv"
    resources:
        **cluster_resources("p16_fig4_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig4_aggregate.py"


rule p16_fig2_trace:
    output:
        "results/sims/p16_fig2_trace.nc",
    params:
        job=slices.p16_fig2_trace(CFG),
    log:
        f"{LOGS}/sims/p16_fig2_trace.log",
    benchmark:
        f"{BENCH}/sims/p16_fig2_trace.tsv"
    resources:
        **cluster_resources("p16_fig2_trace"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig2_trace.py"


# L18 Fig 4: Gibbs, AST and LIF+STP on the imbalanced (a-c) and completion (d-f) models.
rule fig4_sampling:
    input:
        model="results/models/{model}.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(FIG4["calibration"]),
    output:
        "results/sims/l18_fig4/{model}_seed_{seed}.nc",
    wildcard_constraints:
        model="|".join(FIG4_MODELS),
        seed=r"\d+",
    params:
        job=lambda wc: slices.fig4_sampling(CFG, wc.model, int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig4/{{model}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig4/{{model}}_seed_{{seed}}.tsv"
    threads: nest_threads("l18_fig4")
    resources:
        **cluster_resources("fig4_sampling"),
    conda:
        CONDA_ENV
    script:
        "../scripts/fig4_sampling.py"


rule fig4_aggregate:
    """The seeds of one L18 Fig 4 model, dims (seed, sampler, ...), and the tSNE of Fig 4c."""
    input:
        fig4_runs,
    output:
        "results/sims/l18_fig4_{model}.nc",
    wildcard_constraints:
        model="|".join(FIG4_MODELS),
    params:
        job=lambda wc: slices.fig4_aggregate(CFG, wc.model),
    log:
        f"{LOGS}/sims/l18_fig4_{{model}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig4_{{model}}.tsv"
    resources:
        **cluster_resources("fig4_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/fig4_aggregate.py"


# P16 Fig 5: the 144-unit network storing 0, 3, 4, trained in the loop; prior and posterior.
rule p16_fig5_train:
    input:
        digits="results/data/p16_digits.nc",
        calibration=P16_FIG5_CALIBRATION,
    output:
        "results/sims/p16_fig5_model.nc",
    params:
        job=slices.p16_fig5_training(CFG),
    log:
        f"{LOGS}/sims/p16_fig5_model.log",
    benchmark:
        f"{BENCH}/sims/p16_fig5_model.tsv"
    resources:
        **cluster_resources("p16_fig5_train"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig5_train.py"


rule p16_fig5_sampling:
    input:
        model="results/sims/p16_fig5_model.nc",
        digits="results/data/p16_digits.nc",
        calibration=P16_FIG5_CALIBRATION,
    output:
        "results/sims/p16_fig5.nc",
    params:
        job=slices.p16_fig5_sampling(CFG),
    log:
        f"{LOGS}/sims/p16_fig5.log",
    benchmark:
        f"{BENCH}/sims/p16_fig5.tsv"
    resources:
        **cluster_resources("p16_fig5_sampling"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig5_sampling.py"


rule p16_fig7_set:
    """P16 Fig 7 (App. XII): K = 5 networks of one parameter set on the shared random BMs."""
    input:
        lambda wc: calibration_file(wc.cal_set),
    output:
        "results/sims/p16_fig7/{cal_set}.nc",
    wildcard_constraints:
        cal_set="|".join(EXPERIMENTS["p16_fig7"]["calibration_sets"]),
    params:
        job=lambda wc: slices.p16_fig7_set(CFG, wc.cal_set),
    log:
        f"{LOGS}/sims/p16_fig7/{{cal_set}}.log",
    benchmark:
        f"{BENCH}/sims/p16_fig7/{{cal_set}}.tsv"
    resources:
        **cluster_resources("p16_fig7_set"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig7_set.py"


rule p16_fig7_aggregate:
    input:
        **{s: f"results/sims/p16_fig7/{s}.nc" for s in EXPERIMENTS["p16_fig7"]["calibration_sets"]},
    output:
        "results/sims/p16_fig7.nc",
    params:
        job=slices.p16_fig7(CFG),
    log:
        f"{LOGS}/sims/p16_fig7_aggregate.log",
    benchmark:
        f"{BENCH}/sims/p16_fig7_aggregate.tsv"
    resources:
        **cluster_resources("p16_fig7_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/p16_fig7_aggregate.py"
