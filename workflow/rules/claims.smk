# The claims tables (docs/study.md §4, docs/claims.md): every claim of the papers judged from
# the families' outputs -> results/claims.csv; the trained generative models' claims alone;
# docs/claims.md.


# Every dataset a claim is judged from, by the name the experiment modules read it under
# (lifsampling.experiments.claim_inputs() lists the names; a missing one is an error).
CLAIM_INPUTS = {
    "classification_mnist": "results/analysis/classification_mnist.nc",
    "l18_fig2_bars": "results/sims/l18_fig2_bars.nc",
    "l18_fig3": "results/sims/l18_fig3.nc",
    "classification_mnist_lif": "results/analysis/classification_mnist_lif.nc",
    "l18_fig2_grid": "results/sims/l18_fig2_grid.nc",
    "l18_coba_calibration": L18_COBA_CALIBRATION,
    "l18_cuba_calibration": L18_CUBA_CALIBRATION,
    "p16_calibration": P16_CALIBRATION,
    "p16_fig2_theory": "results/analysis/p16_fig2_theory.nc",
    "p16_fig3": "results/sims/p16_fig3.nc",
    "l18_fig5": "results/sims/l18_fig5.nc",
    "p16_fig4": "results/sims/p16_fig4.nc",
    "l18_fig4_imbalanced": "results/sims/l18_fig4_imbalanced.nc",
    "l18_fig4_completion": "results/sims/l18_fig4_completion.nc",
    "p16_fig5": "results/sims/p16_fig5.nc",
    "p16_fig6": "results/analysis/p16_fig6.nc",
    "p16_fig7": "results/sims/p16_fig7.nc",
    "sampling_fidelity": "results/sims/sampling_fidelity.nc",
}

if set(CLAIM_INPUTS) != set(claim_inputs()):
    raise WorkflowError(f"rule claims: inputs {sorted(CLAIM_INPUTS)} differ from the datasets "
                        f"the experiment modules judge from {claim_inputs()}")


rule claims:
    input:
        **CLAIM_INPUTS,
    output:
        csv=report("results/claims.csv", caption="../report/claims.rst", category="Claims"),
        md="results/claims.md",
    params:
        job=slices.claims(CFG),
    log:
        f"{LOGS}/analysis/claims.log",
    benchmark:
        f"{BENCH}/analysis/claims.tsv"
    resources:
        **cluster_resources("claims"),
    conda:
        CONDA_ENV
    script:
        "../scripts/claims.py"


# The claims the trained MNIST-data RBMs decide alone (L18 Fig 3-4, classification, sampling
# fidelity): the table of a run with L18's paper-trained RBMs (docs/paper_models.yaml).
GENERATIVE_CLAIM_FAMILIES = ["mnist", "imbalanced", "sampling_fidelity"]


rule generative_claims:
    input:
        **{name: CLAIM_INPUTS[name] for name in claim_inputs(GENERATIVE_CLAIM_FAMILIES)},
    output:
        csv="results/claims_generative.csv",
        md="results/claims_generative.md",
    params:
        job=slices.generative_claims(CFG),
        families=GENERATIVE_CLAIM_FAMILIES,
    log:
        f"{LOGS}/analysis/generative_claims.log",
    benchmark:
        f"{BENCH}/analysis/generative_claims.tsv"
    resources:
        **cluster_resources("claims"),
    conda:
        CONDA_ENV
    script:
        "../scripts/claims.py"


rule claims_docs:
    """docs/claims.md's table and the README's summary line, regenerated from
    results/claims.csv (run at quick scale)."""
    input:
        "results/claims.csv",
    output:
        "results/claims_docs.md",
    params:
        readme=os.path.join(workflow.basedir, "README.md"),
        claims_doc=os.path.join(workflow.basedir, "docs", "claims.md"),
    log:
        f"{LOGS}/analysis/claims_docs.log",
    benchmark:
        f"{BENCH}/analysis/claims_docs.tsv"
    resources:
        **cluster_resources("claims_docs"),
    conda:
        CONDA_ENV
    localrule: True
    script:
        "../scripts/claims_docs.py"
