"""One P16 neuron in the HCS: u, u_eff and spikes (P16 Fig 2A, C)."""
from lifsampling import experiments, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    cfg, seed = snakemake.params.cfg, snakemake.params.seed
    e = cfg["experiments"]["p16_fig2"]
    ds = experiments.p16_fig2_trace(cfg, e["calibration"], e["trace_mean_mV"], e["trace_ms"], seed)
    io.write_dataset(ds, snakemake.output[0], cfg, seeds={"trace": seed})
