"""P16 Fig 4 runs and references as one Dataset: dims (weight_scale, run, ...)."""
from lifsampling import io
from lifsampling.experiments import p16_fig4
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    references = [io.read_dataset(f, ["p_reference"]) for f in snakemake.input.references]
    runs = [io.read_dataset(f, ["shown_spike_time"]) for f in snakemake.input.runs]
    ds = p16_fig4.aggregate(job, references, runs)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
