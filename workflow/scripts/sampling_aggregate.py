"""The stored spikes of one sampling experiment analysed, with the abstract sampler
-> results/sims/<experiment>.nc."""
from lifsampling import io
from lifsampling.experiments import sampling
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    trials = [io.read_dataset(f, ["spike_time"]) for f in snakemake.input.trials]
    bms = [io.read_dataset(f, ["spike_time"]) for f in snakemake.input.bms]
    user_bm = io.read_dataset(snakemake.input.bm, ["W", "b"]) \
        if "bm" in snakemake.input.keys() else None
    io.write_dataset(sampling.aggregate(job, trials, bms, user_bm), snakemake.output[0], job,
                     snakemake.config)
