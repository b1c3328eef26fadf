"""Every (model, synapse set) run and Gibbs reference on one grid
-> results/sims/sampling_fidelity.nc."""
from lifsampling import io
from lifsampling.experiments import sampling_fidelity
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    runs = [io.read_dataset(f, ["on_pixels", "gain_offset_per_state"])
            for f in snakemake.input.runs]
    references = [io.read_dataset(f, ["gibbs_marginal"]) for f in snakemake.input.references]
    io.write_dataset(sampling_fidelity.aggregate(job, runs, references), snakemake.output[0],
                     job, snakemake.config)
