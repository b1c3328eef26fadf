# CAST training of the RBMs of L18 -> results/models/<model>.nc (classification: l18_fig3.smk).


rule train:
    input:
        training_data=training_data,
    output:
        "results/models/{model}.nc",
    wildcard_constraints:
        model="|".join(MODELS),
    params:
        job=lambda wc: slices.train(CFG, wc.model),
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
        "../scripts/job.py"
