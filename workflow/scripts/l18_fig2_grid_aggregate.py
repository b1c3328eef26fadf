"""Gather the STP grid into one gridded netCDF: dims (seed, tau_fac, U0, tau_rec)."""
from lifsampling import io
from lifsampling.experiments import l18_fig2_grid
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    chunks = [io.read_dataset(f, ["dkl"]) for f in snakemake.input]
    io.write_dataset(l18_fig2_grid.aggregate(job, chunks), snakemake.output[0], job,
                     snakemake.config)
