"""One tau_fac slice of the L18 Fig 2b STP grid for one seed -> results/sims/l18_fig2_grid/."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    cfg, p = snakemake.params.cfg, snakemake.params
    calibration = io.read_dataset(snakemake.input[0], ["p_mean"])
    ds = experiments.stp_grid_chunk(cfg, float(snakemake.wildcards.tau_fac), p.bm_seed,
                                    p.run_seed, calibration)
    log.info("min D_KL %.4g, static %.4g", float(ds["dkl"].min()), float(ds["dkl_static"]))
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"bm": p.bm_seed, "run": p.run_seed})
