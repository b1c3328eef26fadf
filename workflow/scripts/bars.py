"""Bars training set of L18 Fig 2c (easy or hard) -> results/data/bars_<difficulty>.nc."""
from lifsampling import data, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    cfg = snakemake.params.cfg
    bars = cfg["data"]["bars"]
    layout = bars[snakemake.wildcards.difficulty]
    ds = data.bars_dataset(bars["size"], bars["angles_deg"], layout["centres"],
                           layout["length_px"], bars["width_px"])
    log.info("pairwise overlaps:\n%s", data.pairwise_overlap(ds["image"].values))
    io.write_dataset(ds, snakemake.output[0], cfg)
