"""One 2D STP scan of L18 Fig 3a, its blocks placed by their coordinates, as a gridded
netCDF -> results/sims/l18_fig3_scan_<scan>.nc."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    blocks = [io.read_dataset(f, ["isl"]) for f in snakemake.input]
    io.write_dataset(l18_fig3.scan_grid(job, blocks), snakemake.output[0], job, snakemake.config)
