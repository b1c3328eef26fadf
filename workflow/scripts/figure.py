"""Draw the figure named by the rule (lifsampling.figures.figure_function) from its inputs."""
from lifsampling import figures, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    datasets = {name: io.read_dataset(path) for name, path in snakemake.input.items()}
    # a figure rule of a user entry (bm_<name>) names the figure it draws in its params
    fig = figures.figure_function(snakemake.params.get("figure", snakemake.rule))(**datasets)
    figures.save_figure(fig, snakemake.output.pdf, snakemake.output.png)
