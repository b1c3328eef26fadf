"""Long Gibbs chains of one trained model: its pixel-marginal reference
-> results/sims/sampling_fidelity/<model>/gibbs.nc."""
from lifsampling import io
from lifsampling.experiments import sampling_fidelity
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    data = io.read_dataset(snakemake.input.training_data, ["image"])
    io.write_dataset(sampling_fidelity.reference(job, rbm, data), snakemake.output[0], job,
                     snakemake.config)
