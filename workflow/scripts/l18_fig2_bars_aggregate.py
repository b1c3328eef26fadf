"""Both bar sets over seeds, with interaction strengths -> results/sims/l18_fig2_bars.nc."""
from lifsampling import io
from lifsampling.config.slices import BAR_SETS
from lifsampling.experiments import l18_fig2_bars
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]):
    job, inp = snakemake.params.job, snakemake.input
    bar_sets = BAR_SETS
    runs = {s: [io.read_dataset(f, ["mode"]) for f in inp[f"{s}_runs"]] for s in bar_sets}
    models = {s: RBM.from_dataset(io.read_dataset(inp[f"{s}_model"], ["W"])) for s in bar_sets}
    patterns = {bar_set: io.read_dataset(inp[f"{bar_set}_data"], ["image"])["image"].values
                for bar_set in bar_sets}
    io.write_dataset(l18_fig2_bars.aggregate(job, runs, models, patterns), snakemake.output[0], job,
                     snakemake.config)
