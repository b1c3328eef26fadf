"""Gibbs and LIF+STP samples of one bars RBM (L18 Fig 2c) -> results/sims/l18_fig2_bars/."""
from lifsampling import io
from lifsampling.experiments import l18_fig2_bars
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    patterns = io.read_dataset(snakemake.input.data, ["image"])["image"].values
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    ds = l18_fig2_bars.run(job, rbm, patterns, calibration)
    log.info("mean stay (samples): %s; switches: %s",
             ds["mean_mode_duration"].values.round(1).tolist(), ds["n_switches"].values.tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
