# CAST training of the RBMs of L18 -> results/models/<model>.nc; classification of labelled ones.
TRAINING = CFG["training"]
MODELS = list(TRAINING["models"])
# classification on the MNIST test set is meaningful for the model trained on all ten classes
CLASSIFIED_MODELS = [m for m in MODELS if TRAINING["models"][m]["data"] == "mnist"]


rule train:
    input:
        lambda wc: f"results/data/{TRAINING['models'][wc.model]['data']}.nc",
    output:
        "results/models/{model}.nc",
    wildcard_constraints:
        model="|".join(MODELS),
    params:
        cfg=CFG,
        seed=lambda wc: seed_for("train", wc.model),
    log:
        f"{LOGS}/train/{{model}}.log",
    benchmark:
        f"{BENCH}/train/{{model}}.tsv"
    resources:
        runtime=lambda wc: 300 if SCALE == "paper" else 30,
        mem_mb=4000,
    conda:
        CONDA_ENV
    script:
        "../scripts/train.py"


rule classify:
    input:
        model="results/models/{model}.nc",
        data="results/data/mnist.nc",
    output:
        "results/analysis/classification_{model}.nc",
    wildcard_constraints:
        model="|".join(CLASSIFIED_MODELS),
    params:
        cfg=CFG,
        seed=lambda wc: seed_for("classify", wc.model),
    log:
        f"{LOGS}/analysis/classification_{{model}}.log",
    benchmark:
        f"{BENCH}/analysis/classification_{{model}}.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/classify.py"
