"""Both bar sets over seeds, with interaction strengths -> results/sims/l18_fig2_bars.nc."""
from lifsampling import io
from lifsampling.config.slices import BAR_SETS
from lifsampling.experiments import l18_fig2_bars
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]):
    job, inp = snakemake.params.job, snakemake.input
    levels = BAR_SETS
    runs = {lv: [io.read_dataset(f, ["mode"]) for f in inp[f"{lv}_runs"]] for lv in levels}
    models = {lv: RBM.from_dataset(io.read_dataset(inp[f"{lv}_model"], ["W"])) for lv in levels}
    patterns = {lv: io.read_dataset(inp[f"{lv}_data"], ["image"])["image"].values
                for lv in levels}
    io.write_dataset(l18_fig2_bars.aggregate(job, runs, models, patterns), snakemake.output[0], job,
                     snakemake.config)
