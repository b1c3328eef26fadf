"""P16 Fig 7 sets as one Dataset: dims (parameter_set, bm, integration_time)."""
from lifsampling import io
from lifsampling.experiments import parameter_sets
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    sets = {s: io.read_dataset(snakemake.input[s], ["dkl"]) for s in job["calibration_sets"]}
    ds = parameter_sets.fig7_aggregate(sets)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
