"""Draw the figure named by the rule (lifsampling.figures.figure_function) from its inputs."""
from lifsampling import figures, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    datasets = {name: io.read_dataset(path) for name, path in snakemake.input.items()}
    fig = figures.figure_function(snakemake.rule)(**datasets)
    figures.save_figure(fig, snakemake.output.pdf, snakemake.output.png)
