# Figure family l18_fig3: L18 Fig 3: the MNIST RBM sampled by Gibbs, LIF+STP and renewing synapses:
# STP scans (a),
# ISL runs and references (b-c), mode durations (d), tSNE (e), Gibbs and LIF classification.
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "classification_mnist": "results/analysis/classification_mnist.nc",
    "l18_fig3": "results/sims/l18_fig3.nc",
    "classification_mnist_lif": "results/analysis/classification_mnist_lif.nc",
}


rule l18_fig3_scan_block:
    """L18 Fig 3a: the LIF+STP networks of the MNIST RBM at a block of STP sets of a 2D scan
    (`stp_scans.points_per_job` side by side in one NEST kernel)."""
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(L18_FIG3["calibration"]),
    output:
        "results/sims/l18_fig3_scan/{scan}_block_{block}.nc",
    wildcard_constraints:
        scan="|".join(L18_FIG3_SCANS),
        block=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_scan_block_slice(CFG, wc.scan, int(wc.block)),
    log:
        f"{LOGS}/sims/l18_fig3_scan/{{scan}}_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3_scan/{{scan}}_block_{{block}}.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("l18_fig3_scan_block"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_scan_block.py"


rule l18_fig3_scan:
    """One 2D STP scan of L18 Fig 3a as a gridded netCDF: dims (seed, U0, tau_rec|tau_fac)."""
    input:
        l18_fig3_scan_inputs,
    output:
        "results/sims/l18_fig3_scan_{scan}.nc",
    wildcard_constraints:
        scan="|".join(L18_FIG3_SCANS),
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_scan_slice(CFG, wc.scan),
    log:
        f"{LOGS}/sims/l18_fig3_scan_{{scan}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3_scan_{{scan}}.tsv"
    resources:
        **cluster_resources("l18_fig3_scan"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_scan.py"


# L18 Fig 3: the MNIST RBM, Gibbs and LIF+STP per seed (simulation, then the analysis of its
# stored samples); OPT and POM references.
rule l18_fig3_run:
    input:
        model="results/models/mnist.nc",
        calibration=calibration_file(L18_FIG3["calibration"]),
    output:
        "results/sims/l18_fig3/samples_seed_{seed}.nc",
    wildcard_constraints:
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_run_slice(CFG, int(wc.seed)),
    log:
        f"{LOGS}/sims/l18_fig3/samples_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/samples_seed_{{seed}}.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("l18_fig3_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_run.py"


rule l18_fig3_analysis:
    """ISL curve, modes and tSNE images of one seed, read from its stored samples: an edit
    of isl_points, isl_beta, mode_window_ms or n_tsne re-runs no simulation."""
    input:
        samples="results/sims/l18_fig3/samples_seed_{seed}.nc",
        data="results/data/mnist.nc",
    output:
        "results/sims/l18_fig3/seed_{seed}.nc",
    wildcard_constraints:
        seed=r"\d+",
    params:
        job=families.l18_fig3.l18_fig3_analysis_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig3/analysis_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/analysis_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("l18_fig3_analysis"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_analysis.py"


rule l18_fig3_isl_1e3:
    """L18 Fig 3c: short runs (1e3 samples of Gibbs and of the spiking samplers, the best set
    of the Fig 3a scans among them) for a block of seeds, stored for the analysis."""
    input:
        model="results/models/mnist.nc",
        calibration=calibration_file(L18_FIG3["calibration"]),
        scans=[f"results/sims/l18_fig3_scan_{scan}.nc" for scan in L18_FIG3_SCANS],
    output:
        "results/sims/l18_fig3/isl_1e3_samples_block_{block}.nc",
    wildcard_constraints:
        block=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_isl_1e3_slice(CFG, int(wc.block)),
    log:
        f"{LOGS}/sims/l18_fig3/isl_1e3_samples_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/isl_1e3_samples_block_{{block}}.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("l18_fig3_isl_1e3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_isl_1e3.py"


rule l18_fig3_isl_1e3_analysis:
    """ISL at 1e3 samples and mode stays of one block's stored short runs: an edit of
    isl_beta or mode_window_ms re-runs no simulation."""
    input:
        samples="results/sims/l18_fig3/isl_1e3_samples_block_{block}.nc",
        data="results/data/mnist.nc",
    output:
        "results/sims/l18_fig3/isl_1e3_block_{block}.nc",
    wildcard_constraints:
        block=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_isl_1e3_analysis_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig3/isl_1e3_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/isl_1e3_block_{{block}}.tsv"
    resources:
        **cluster_resources("l18_fig3_isl_1e3_analysis"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_isl_1e3_analysis.py"


rule l18_fig3_references:
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
    output:
        "results/sims/l18_fig3/references.nc",
    params:
        job=families.l18_fig3.l18_fig3_references_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig3/references.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3/references.tsv"
    resources:
        **cluster_resources("l18_fig3_references"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_references.py"


rule l18_fig3_aggregate:
    input:
        runs=L18_FIG3_RUNS,
        references="results/sims/l18_fig3/references.nc",
        short_runs=L18_FIG3_SHORT_RUNS,
    output:
        "results/sims/l18_fig3.nc",
    params:
        job=families.l18_fig3.l18_fig3_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig3_aggregate.log",
    benchmark:
        f"{BENCH}/sims/l18_fig3_aggregate.tsv"
    resources:
        **cluster_resources("l18_fig3_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_aggregate.py"


rule l18_fig3_tsne:
    """L18 Fig 3e: one tSNE map of the consecutive samples of Gibbs and LIF+STP (seed 0)."""
    input:
        "results/sims/l18_fig3.nc",
    output:
        "results/analysis/l18_fig3_tsne.nc",
    params:
        job=families.l18_fig3.l18_fig3_tsne_slice(CFG),
    log:
        f"{LOGS}/analysis/l18_fig3_tsne.log",
    benchmark:
        f"{BENCH}/analysis/l18_fig3_tsne.tsv"
    resources:
        **cluster_resources("l18_fig3_tsne"),
    conda:
        CONDA_ENV
    script:
        "../scripts/l18_fig3_tsne.py"


rule classify_gibbs:
    input:
        model="results/models/{model}.nc",
        data="results/data/mnist.nc",
    output:
        "results/analysis/classification_{model}.nc",
    wildcard_constraints:
        model="|".join(CLASSIFIED_MODELS),
    params:
        job=lambda wc: families.l18_fig3.classify_gibbs_slice(CFG, wc.model),
    log:
        f"{LOGS}/analysis/classification_{{model}}.log",
    benchmark:
        f"{BENCH}/analysis/classification_{{model}}.tsv"
    resources:
        **cluster_resources("classify_gibbs"),
    conda:
        CONDA_ENV
    script:
        "../scripts/classify_gibbs.py"


rule classify_lif:
    """The LIF+STP network of the MNIST RBM as a classifier (L18 Fig 3: 93.2 %)."""
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(L18_FIG3["calibration"]),
    output:
        "results/analysis/classification_mnist_lif.nc",
    params:
        job=families.l18_fig3.classify_lif_slice(CFG),
    log:
        f"{LOGS}/analysis/classification_mnist_lif.log",
    benchmark:
        f"{BENCH}/analysis/classification_mnist_lif.tsv"
    threads: nest_threads("l18_fig3")
    resources:
        **cluster_resources("classify_lif"),
    conda:
        CONDA_ENV
    script:
        "../scripts/classify_lif.py"


rule l18_fig3:
    input:
        mnist="results/sims/l18_fig3.nc",
        classification="results/analysis/classification_mnist.nc",
        classification_lif="results/analysis/classification_mnist_lif.nc",
        tsne="results/analysis/l18_fig3_tsne.nc",
        scan_rec="results/sims/l18_fig3_scan_tau_rec.nc",
        scan_fac="results/sims/l18_fig3_scan_tau_fac.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig3.pdf",
        png=report(f"{FIGDIR}/l18_fig3.png", caption="../report/l18_fig3.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig3.log",
    benchmark:
        f"{BENCH}/figures/l18_fig3.tsv"
    resources:
        **cluster_resources("l18_fig3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
