"""P16 Fig 7 sets as one Dataset: dims (calibration_set, bm, integration_time)."""
from lifsampling import io
from lifsampling.experiments import parameter_sets
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    sets = [io.read_dataset(f, ["spike_time"]) for f in snakemake.input]
    ds = parameter_sets.fig7_aggregate(job, sets)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
