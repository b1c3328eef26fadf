"""One NEST run of a LIF network sampling a random BM -> results/sims/<exp>/<kind>_<run>.nc."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    cfg, p = snakemake.params.cfg, snakemake.params
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = experiments.sampling_run(cfg, snakemake.wildcards.exp, p.bm_seed, p.run_seed,
                                  p.duration, calibration)
    log.info("final D_KL %.4g after %g ms", float(ds["dkl"][-1]), p.duration)
    io.write_dataset(ds, snakemake.output[0], cfg,
                     seeds={"bm": p.bm_seed, "background": p.run_seed})
