"""One NEST run of a K = 500 LIF sampling network (P16 Fig 4)."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    cfg, p = snakemake.params.cfg, snakemake.params
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    reference = io.read_dataset(snakemake.input.reference, ["p_reference"])["p_reference"].values
    ds = experiments.large_network_run(cfg, float(snakemake.wildcards.wscale), p.bm_seed,
                                       p.run_seed, calibration, reference)
    log.info("final D_KL %.4g, mean rate %.1f Hz", float(ds["dkl"][-1]), float(ds["rate"].mean()))
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"bm": p.bm_seed, "run": p.run_seed})
