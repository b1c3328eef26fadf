"""Test-set accuracy of a labelled RBM: exact label posterior and the Gibbs classifier."""
from lifsampling import io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log
from lifsampling.rbm import RBM

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    rbm = RBM.from_dataset(io.read_dataset(snakemake.input.model, ["W", "b_v", "b_h"]))
    data = io.read_dataset(snakemake.input.data, ["image", "label", "split"])
    ds = l18_fig3.classification(job, rbm, data)
    log.info("test accuracy: %s", dict(zip(ds["classifier"].values.tolist(),
                                           ds["accuracy"].values.round(4).tolist(), strict=True)))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
