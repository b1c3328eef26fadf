"""A user Boltzmann machine (config boltzmann_machines.<name>), read and checked or drawn
-> results/data/bm_<name>.nc."""
from lifsampling import io, user_data
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    W, b = user_data.user_bm(job, snakemake.input[0] if len(snakemake.input) else None)
    log.info("%s: K = %d units, |W| max %.3g, b in [%.3g, %.3g]", job["name"], len(b),
             abs(W).max(), b.min(), b.max())
    io.write_dataset(user_data.user_bm_dataset(W, b, job["name"]), snakemake.output[0], job,
                     snakemake.config)
