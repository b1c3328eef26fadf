"""CAST training of one RBM (L18 Methods) -> results/models/<model>.nc."""
import dataclasses

import numpy as np
from threadpoolctl import threadpool_limits

from lifsampling import io
from lifsampling.cast import CastSchedule, train_cast, training_matrix
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    data, n_labels = training_matrix(io.read_dataset(snakemake.input[0], ["image"]))
    schedule = CastSchedule.from_job(job)
    log.info("%s: %d training rows, %d visible (%d labels), %s", job["model"], len(data),
             data.shape[1], n_labels, schedule)
    seed = job["seeds"][f"train_{job['model']}"]
    # BLAS threads from config, not from Snakemake's --cores: the sums' order, and so the
    # last bits of W, depend on them
    with threadpool_limits(job["blas_threads"], user_api="blas"):
        rbm, curves = train_cast(data, n_labels, schedule, np.random.default_rng(seed))
    ds = rbm.to_dataset().merge(curves)
    ds.attrs.update({f"schedule_{k}": str(v) for k, v in dataclasses.asdict(schedule).items()})
    ds.attrs["ast_log_g"] = curves.attrs["ast_log_g"]
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config)
