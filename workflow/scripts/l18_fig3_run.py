"""Gibbs, LIF+STP and renewing-LIF samples of the MNIST RBM, one seed (L18 Fig 3), stored for
the analysis -> results/sims/l18_fig3/samples_seed_<seed>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    ds = l18_fig3.simulate(job, rbm, calibration)
    log.info("%d samples per sampler; on-pixels per sample %s; mean rate %.1f Hz",
             job["n_samples"], ds["pixel_sample"].sum("pixel").mean("sample").values.round(1)
             .tolist(), float(ds["mean_rate"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config,
                     encoding=l18_fig3.SAMPLE_ENCODING)
