# Figure family l18_fig3: L18 Fig 3: the MNIST RBM sampled by Gibbs, LIF+STP and renewing synapses:
# STP scans (a),
# ISL runs and references (b-c), mode durations (d), tSNE (e), Gibbs and LIF classification.
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.
# The family's members (wildcard `generative`): l18_fig3 (MNIST) and generative_<name> for each
# of your datasets with a `generative` entry: the same rules on the RBM trained on it (files
# results/sims/generative_<name>*), its figure and a claims table of its own (target
# generative_<name>, end of this file).

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
        unpack(generative_scan_inputs),
    output:
        "results/sims/{generative}_scan/{scan}_block_{block}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
        scan="|".join(L18_FIG3_SCANS),
        block=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_scan_block_slice(CFG, wc.generative, wc.scan,
                                                                   int(wc.block)),
    group:
        "runs"
    log:
        f"{LOGS}/sims/{{generative}}_scan/{{scan}}_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}_scan/{{scan}}_block_{{block}}.tsv"
    threads: nest_threads(families.l18_fig3)
    resources:
        **cluster_resources("l18_fig3_scan_block"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig3_scan:
    """One 2D STP scan of L18 Fig 3a as a gridded netCDF: dims (seed, U0, tau_rec|tau_fac)."""
    input:
        blocks=l18_fig3_scan_inputs,
    output:
        "results/sims/{generative}_scan_{scan}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
        scan="|".join(L18_FIG3_SCANS),
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_scan_slice(CFG, wc.generative, wc.scan),
    log:
        f"{LOGS}/sims/{{generative}}_scan_{{scan}}.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}_scan_{{scan}}.tsv"
    resources:
        **cluster_resources("l18_fig3_scan"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


# L18 Fig 3: the MNIST RBM, Gibbs and LIF+STP per seed (simulation, then the analysis of its
# stored samples); OPT and POM references.
rule l18_fig3_run:
    input:
        unpack(generative_network_inputs),
    output:
        "results/sims/{generative}/samples_seed_{seed}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_run_slice(CFG, wc.generative, int(wc.seed)),
    group:
        "runs"
    log:
        f"{LOGS}/sims/{{generative}}/samples_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}/samples_seed_{{seed}}.tsv"
    threads: nest_threads(families.l18_fig3)
    resources:
        **cluster_resources("l18_fig3_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig3_analysis:
    """ISL curve, modes and tSNE images of one seed, read from its stored samples: an edit
    of isl_points, isl_beta, mode_window or n_tsne re-runs no simulation."""
    input:
        samples="results/sims/{generative}/samples_seed_{seed}.nc",
        data=generative_data,
    output:
        "results/sims/{generative}/seed_{seed}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_analysis_slice(CFG, wc.generative),
    log:
        f"{LOGS}/sims/{{generative}}/analysis_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}/analysis_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("l18_fig3_analysis"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


# No group (unlike the other runs): it reads the Fig 3a scans' best set, whose points are in
# group "runs", and a group may not feed itself through a job outside it.
rule l18_fig3_isl_1e3:
    """L18 Fig 3c: short runs (1e3 samples of Gibbs and of the spiking samplers, the best set
    of the Fig 3a scans among them) for a block of seeds, stored for the analysis."""
    input:
        unpack(generative_network_inputs),
        scans=generative_scans,
    output:
        "results/sims/{generative}/isl_1e3_samples_block_{block}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
        block=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_isl_1e3_slice(CFG, wc.generative,
                                                                int(wc.block)),
    log:
        f"{LOGS}/sims/{{generative}}/isl_1e3_samples_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}/isl_1e3_samples_block_{{block}}.tsv"
    threads: nest_threads(families.l18_fig3)
    resources:
        **cluster_resources("l18_fig3_isl_1e3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig3_isl_1e3_analysis:
    """ISL at 1e3 samples and mode stays of one block's stored short runs: an edit of
    isl_beta or mode_window re-runs no simulation."""
    input:
        samples="results/sims/{generative}/isl_1e3_samples_block_{block}.nc",
        data=generative_data,
    output:
        "results/sims/{generative}/isl_1e3_block_{block}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
        block=r"\d+",
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_isl_1e3_analysis_slice(CFG, wc.generative),
    log:
        f"{LOGS}/sims/{{generative}}/isl_1e3_block_{{block}}.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}/isl_1e3_block_{{block}}.tsv"
    resources:
        **cluster_resources("l18_fig3_isl_1e3_analysis"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig3_references:
    input:
        model=generative_model,
        data=generative_data,
    output:
        "results/sims/{generative}/references.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_references_slice(CFG, wc.generative),
    log:
        f"{LOGS}/sims/{{generative}}/references.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}/references.tsv"
    resources:
        **cluster_resources("l18_fig3_references"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig3_aggregate:
    input:
        unpack(l18_fig3_aggregate_inputs),
    output:
        "results/sims/{generative}.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_aggregate_slice(CFG, wc.generative),
    log:
        f"{LOGS}/sims/{{generative}}_aggregate.log",
    benchmark:
        f"{BENCH}/sims/{{generative}}_aggregate.tsv"
    resources:
        **cluster_resources("l18_fig3_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig3_tsne:
    """L18 Fig 3e: one tSNE map of the consecutive samples of Gibbs and LIF+STP (seed 0)."""
    input:
        fig3="results/sims/{generative}.nc",
    output:
        "results/analysis/{generative}_tsne.nc",
    wildcard_constraints:
        generative=GENERATIVE_PATTERN,
    params:
        job=lambda wc: families.l18_fig3.l18_fig3_tsne_slice(CFG, wc.generative),
    log:
        f"{LOGS}/analysis/{{generative}}_tsne.log",
    benchmark:
        f"{BENCH}/analysis/{{generative}}_tsne.tsv"
    resources:
        **cluster_resources("l18_fig3_tsne"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


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
        "../scripts/job.py"


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
    threads: nest_threads(families.l18_fig3)
    resources:
        **cluster_resources("classify_lif"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


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


# ---- your own datasets (config datasets.<name>.generative; docs/your_own_data.md): each is one
# more member of this family (generative_<name>), drawn in L18 Fig 3's layout without the
# classification, with a claims table of its own (results/claims_generative_<name>.csv).
for _member in USER_GENERATIVE:

    # the target: the figures (L18 Fig 3's; the sampling fidelity of its RBM, rules in
    # sampling_fidelity.smk) and the claims table of this dataset
    rule:
        name:
            _member
        input:
            f"{FIGDIR}/{_member}.pdf",
            f"{FIGDIR}/{_member}_fidelity.pdf",
            f"results/claims_{_member}.csv",

    rule:
        name:
            f"{_member}_figure"
        input:
            generative=f"results/sims/{_member}.nc",
            tsne=f"results/analysis/{_member}_tsne.nc",
            scan_rec=f"results/sims/{_member}_scan_tau_rec.nc",
            scan_fac=f"results/sims/{_member}_scan_tau_fac.nc",
            data=f"results/data/{GENERATIVE[_member]['data']}.nc",
        output:
            pdf=f"{FIGDIR}/{_member}.pdf",
            png=f"{FIGDIR}/{_member}.png",
        params:
            figure="generative",
        log:
            f"{LOGS}/figures/{_member}.log",
        benchmark:
            f"{BENCH}/figures/{_member}.tsv"
        resources:
            **cluster_resources(f"{_member}_figure"),
        conda:
            CONDA_ENV
        script:
            "../scripts/figure.py"

    rule:
        name:
            f"{_member}_claims"
        input:
            generative=f"results/sims/{_member}.nc",
            fidelity=f"results/sims/{_member}_fidelity.nc",
        output:
            csv=f"results/claims_{_member}.csv",
            md=f"results/claims_{_member}.md",
        params:
            dataset=GENERATIVE[_member]["dataset"],
            scale=SCALE,
        log:
            f"{LOGS}/analysis/claims_{_member}.log",
        benchmark:
            f"{BENCH}/analysis/claims_{_member}.tsv"
        resources:
            **cluster_resources(f"{_member}_claims"),
        conda:
            CONDA_ENV
        script:
            "../scripts/user_generative_claims.py"
