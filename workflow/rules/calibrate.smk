# Single-neuron activation functions in NEST -> results/calibration/<set>.nc (alpha, u0)
CALIBRATION_SETS = list(CFG["calibration"]["sets"])


rule calibrate:
    output:
        "results/calibration/{cal_set}.nc",
    wildcard_constraints:
        cal_set="|".join(CALIBRATION_SETS),
    params:
        cfg=CFG,
        seed=lambda wc: seed_for("calibrate", wc.cal_set),
    log:
        f"{LOGS}/calibration/{{cal_set}}.log",
    benchmark:
        f"{BENCH}/calibration/{{cal_set}}.tsv"
    resources:
        runtime=lambda wc: 120 if SCALE == "paper" else 20,
        mem_mb=4000,
    conda:
        CONDA_ENV
    script:
        "../scripts/calibrate.py"
