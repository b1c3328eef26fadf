"""One NEST run of a K = 500 LIF sampling network (P16 Fig 4), in one translation variant."""
from lifsampling import io
from lifsampling.experiments import p16_fig4
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    job = snakemake.params.job
    calibration = io.read_dataset(snakemake.input.calibration, ["p_mean"])
    reference = (io.read_dataset(snakemake.input.reference, ["p_on"])
                 if "reference" in snakemake.input.keys() else None)
    ds = p16_fig4.run(job, calibration, reference)
    log.info("%s: mean rate %.1f Hz, recurrent / background <g_tot> %.2f, fixed point %s",
             job["variant"], float(ds["rate"].mean()), float(ds["recurrent_over_background"]),
             float(ds["fixed_point"]))
    io.write_dataset(ds, snakemake.output[0], job, snakemake.config,
                     encoding={"shown_spike_time": p16_fig4.SHOWN_ENCODING})
