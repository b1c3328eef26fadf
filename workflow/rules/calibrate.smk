# Single-neuron activation functions in NEST -> results/calibration/<set>.nc (alpha, u0)


rule calibrate:
    output:
        "results/calibration/{calibration_set}.nc",
    wildcard_constraints:
        calibration_set="|".join(CALIBRATION_SETS),
    params:
        job=lambda wc: slices.calibrate(CFG, wc.calibration_set),
    group:
        "calibrations"
    log:
        f"{LOGS}/calibration/{{calibration_set}}.log",
    benchmark:
        f"{BENCH}/calibration/{{calibration_set}}.tsv"
    resources:
        **cluster_resources("calibrate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule calibration_grid:
    """All activation sweeps in one gridded file: dims (calibration_set, u_target, run)."""
    input:
        **{s: calibration_file(s) for s in CALIBRATION_SETS},
    output:
        "results/calibration.nc",
    params:
        job=slices.calibration_grid(CFG),
    log:
        f"{LOGS}/calibration/grid.log",
    benchmark:
        f"{BENCH}/calibration/grid.tsv"
    resources:
        **cluster_resources("calibration_grid"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule simulator_calibration:
    """P16 Fig 6: the first set's sweep through PyNN's standard API on one simulator and time
    step (NEURON: P16's simulator; its mechanisms are compiled by `make setup`)."""
    output:
        "results/calibration/simulators/{sim_run}.nc",
    wildcard_constraints:
        sim_run="|".join(EXPERIMENTS["p16_fig6"]["simulators"]),
    params:
        job=lambda wc: families.parameter_sets.simulator_calibration_slice(CFG, wc.sim_run),
    group:
        "calibrations"
    log:
        f"{LOGS}/calibration/simulators/{{sim_run}}.log",
    benchmark:
        f"{BENCH}/calibration/simulators/{{sim_run}}.tsv"
    resources:
        **cluster_resources("simulator_calibration"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"
