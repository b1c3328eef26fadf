"""Gibbs, AST and the spiking samplers (L18's set, renewing, the best Fig 3a scan set) of one
L18 Fig 4 model, one seed, stored for the analysis -> results/sims/l18_fig4/*_samples_seed_*.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3, l18_fig4
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm, data, calibration = l18_fig3.read_network_inputs(
        snakemake.input.model, snakemake.input.data, snakemake.input.calibration)
    best = l18_fig3.best_scan_set([io.read_dataset(f, ["isl"]) for f in snakemake.input.scans])
    ds = l18_fig4.simulate(job, rbm, data, calibration, best)
    log.info("%s: %d samples per sampler; on-pixels per sample %s; AST %.1f sweeps per valid "
             "sample; mean rate %.1f Hz", job["model"], job["n_samples"],
             ds["pixel_sample"].sum("pixel").mean("sample").values.round(1).tolist(),
             float(ds["ast_sweeps_per_sample"]), float(ds["mean_rate"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config,
                     encoding=l18_fig4.SAMPLE_ENCODING)
