"""12x12 digit patterns of P16 Fig 5 (App. X) -> results/data/p16_digits.nc."""
from lifsampling import data, io
from lifsampling.logs import job_log

with job_log(snakemake.log[0]):
    job = snakemake.params.job
    mnist = io.read_dataset(snakemake.input[0], required_vars=("pixels", "label", "split"))
    ds = data.p16_digit_patterns(mnist, job["digits"], job["size"], job["low"], job["high"])
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
