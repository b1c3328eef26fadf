"""P16 theory and literature predictions vs the NEST activation function (P16 Fig 2B, D)."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    cfg = snakemake.params.cfg
    calibration = io.read_dataset(snakemake.input[0], ["p_mean", "u_free"])
    ds = experiments.activation_predictions(cfg, snakemake.params.set_name, calibration)
    log.info("RMS vs simulation: %s", {k: round(v, 4) for k, v in ds.attrs.items()
                                        if k.startswith("rms")})
    io.write_dataset(ds, snakemake.output[0], cfg)
