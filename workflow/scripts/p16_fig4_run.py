"""One NEST run of a K = 500 LIF sampling network (P16 Fig 4)."""
from lifsampling import io
from lifsampling.experiments import large_network
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = large_network.run(job, calibration)
    log.info("mean rate %.1f Hz", float(ds["rate"].mean()))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
