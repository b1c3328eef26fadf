"""P16 Fig 6 (App. XI): P16 theory, [16] and [17] against NEST, one row per parameter set."""
from lifsampling import io
from lifsampling.experiments import parameter_sets
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibrations = {s: io.read_dataset(snakemake.input[s], ["p_mean", "u_free", "p_on"])
                    for s in [*job["calibration_sets"], *job["simulators"]]}
    ds = parameter_sets.fig6_predictions(job, calibrations)
    for theory in parameter_sets.THEORIES:
        log.info("RMS %s: %s", theory, dict(zip(job["calibration_sets"],
                                                ds[f"rms_{theory}"].values.round(4).tolist(),
                                                strict=True)))
    log.info("u0 per simulator run: %s", dict(zip(job["simulators"],
                                                  ds["sim_u0"].values.round(3).tolist(),
                                                  strict=True)))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
