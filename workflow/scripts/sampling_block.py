"""A block of LIF networks sampling random BMs (or a user BM) in one NEST kernel, their spikes
-> results/sims/<experiment>/<kind>_block_<b>.nc."""
from lifsampling import io, spike_trains
from lifsampling.experiments import sampling
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    bm = io.read_dataset(snakemake.input.bm, ["W", "b"]) if "bm" in snakemake.input.keys() \
        else None
    ds = sampling.simulate_block(job, calibration, bm)
    log.info("%s %s: %d spikes after %g ms", job["kind"], job["runs"], ds.sizes["spike"],
             job["burn_in_ms"] + job["duration_ms"])
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config,
                     encoding=spike_trains.ENCODING)
