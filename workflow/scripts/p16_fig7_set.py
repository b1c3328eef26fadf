"""P16 Fig 7 (App. XII): the K = 5 networks of one parameter set on the shared random BMs,
their spike trains stored for the aggregate (D_KL over time)."""
from lifsampling import io, spike_trains
from lifsampling.experiments import parameter_sets
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = parameter_sets.fig7_set(job, calibration)
    log.info("%d networks, %d spikes, mean rate %.1f Hz", ds.sizes["bm"], ds.sizes["spike"],
             ds.sizes["spike"] / ds["spike_count"].size
             / (job["burn_in_ms"] + job["duration_ms"]) * 1000)
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config,
                     encoding=spike_trains.ENCODING)
