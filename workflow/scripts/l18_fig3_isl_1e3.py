"""Short runs of 1e3 samples of Gibbs and the spiking samplers (L18's set, renewing, the best
set of the Fig 3a scans), one per seed of a block (L18 Fig 3c), stored for the analysis
-> results/sims/l18_fig3/isl_1e3_samples_block_<block>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    best = l18_fig3.best_scan_set([io.read_dataset(f, ["isl"]) for f in snakemake.input.scans])
    ds = l18_fig3.short_runs(job, rbm, calibration, best)
    log.info("seeds %s (%s): on-pixels per sample %s", job["runs"],
             ds["short_sampler"].values.tolist(),
             ds["pixel_sample"].sum("pixel").mean("sample").values.round(1).tolist())
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config,
                     encoding=l18_fig3.SHORT_RUN_ENCODING)
