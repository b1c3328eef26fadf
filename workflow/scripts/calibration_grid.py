"""Stack the per-set activation sweeps along `calibration_set` -> results/calibration.nc."""
from lifsampling import io
from lifsampling.experiments import p16_fig2
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    sweeps = {name: io.read_dataset(path, ["p_on", "u_free"])
              for name, path in snakemake.input.items()}
    io.write_dataset(p16_fig2.calibration_grid(sweeps), snakemake.output[0], job,
                     snakemake.config)
