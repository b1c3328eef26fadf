"""P16 theory and literature predictions vs the NEST activation function (P16 Fig 2B, D)."""
from lifsampling import io
from lifsampling.experiments import p16_fig2
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input[0], ["p_mean", "u_free"])
    ds = p16_fig2.activation_predictions(job, calibration)
    log.info("RMS vs simulation: %s", {k: round(v, 4) for k, v in ds.attrs.items()
                                        if k.startswith("rms")})
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
