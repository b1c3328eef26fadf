# CAST training of the RBMs of L18 -> results/models/<model>.nc; classification of labelled ones.


rule train:
    input:
        training_data,
    output:
        "results/models/{model}.nc",
    wildcard_constraints:
        model="|".join(MODELS),
    params:
        job=lambda wc: slices.training(CFG, wc.model),
    log:
        f"{LOGS}/train/{{model}}.log",
    benchmark:
        f"{BENCH}/train/{{model}}.tsv"
    threads: CFG["training"]["blas_threads"]
    resources:
        **cluster_resources("train"),
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
        job=lambda wc: slices.classification(CFG, wc.model),
    log:
        f"{LOGS}/analysis/classification_{{model}}.log",
    benchmark:
        f"{BENCH}/analysis/classification_{{model}}.tsv"
    resources:
        **cluster_resources("classify"),
    conda:
        CONDA_ENV
    script:
        "../scripts/classify.py"


rule classify_lif:
    """The LIF+STP network of the MNIST RBM as a classifier (L18 Fig 3: 93.2 %)."""
    input:
        model="results/models/mnist.nc",
        data="results/data/mnist.nc",
        calibration=calibration_file(FIG3["calibration"]),
    output:
        "results/analysis/classification_mnist_lif.nc",
    params:
        job=slices.mnist_classification(CFG),
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
