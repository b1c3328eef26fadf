# The claims tables (docs/study.md §4, docs/claims.md): every claim of the papers judged from
# the families' outputs -> results/claims.csv; the trained generative models' claims alone;
# docs/claims.md.


# Every dataset a claim is judged from, by the name the experiment modules read it under
# (lifsampling.experiments.claim_inputs() lists the names): each family's .smk adds its own.
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
GENERATIVE_CLAIM_FAMILIES = families.generative_families()


rule generative_claims:
    input:
        **{name: CLAIM_INPUTS[name] for name in claim_inputs(GENERATIVE_CLAIM_FAMILIES)},
    output:
        csv="results/claims_generative.csv",
        md="results/claims_generative.md",
    params:
        job=families.generative_claims_slice(CFG),
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


# The claims of one family alone (results/claims/<family>.csv): what a run of that family,
# without the rest of the study, decides (e.g. `tempering` on the paper-trained RBMs of
# docs/paper_models.yaml).
rule family_claims:
    input:
        unpack(lambda wc: {name: CLAIM_INPUTS[name] for name in claim_inputs([wc.family])}),
    output:
        csv="results/claims/{family}.csv",
        md="results/claims/{family}.md",
    wildcard_constraints:
        family=FAMILY_NAMES,
    params:
        job=family_claims_job,
        families=lambda wc: [wc.family],
    log:
        f"{LOGS}/analysis/claims_{{family}}.log",
    benchmark:
        f"{BENCH}/analysis/claims_{{family}}.tsv"
    resources:
        **cluster_resources("claims"),
    conda:
        CONDA_ENV
    script:
        "../scripts/claims.py"


# The claims a run of part of a family decides (results/claims/present/<family>.csv), from the
# family's datasets that exist, e.g. L18 Fig 3's classification at paper scale without its
# 13.5 CPU-h of 1e5-sample runs: make the datasets first (their files as targets), then this.
# Rows whose datasets are absent say "not run".
rule family_claims_present:
    input:
        unpack(present_claim_inputs),
    output:
        csv="results/claims/present/{family}.csv",
        md="results/claims/present/{family}.md",
    wildcard_constraints:
        family=FAMILY_NAMES,
    params:
        job=family_claims_job,
        families=lambda wc: [wc.family],
        present_only=True,
    log:
        f"{LOGS}/analysis/claims_present_{{family}}.log",
    benchmark:
        f"{BENCH}/analysis/claims_present_{{family}}.tsv"
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
