"""L18 Fig 3's tests on the RBM of one of your datasets
and the sampling-fidelity checks of that RBM -> results/claims_generative_<name>.{csv,md}
(a table of its own)."""
from lifsampling import claims, io
from lifsampling.experiments import l18_fig3, sampling_fidelity
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    name, scale = snakemake.params.dataset, snakemake.params.scale
    ds = io.read_dataset(snakemake.input.generative, ["isl", "isl_1e3", "stay_1e3"])
    fidelity = io.read_dataset(snakemake.input.fidelity, ["weight_gain"])
    judged = (l18_fig3.user_generative_claims(name, ds, scale)
              + sampling_fidelity.user_fidelity_claims(name, fidelity, scale))
    claims.write_tables(judged, snakemake.output.csv, snakemake.output.md,
                        f"The RBM of your dataset `{name}`, sampled by Gibbs chains and its LIF "
                        f"networks (target generative_{name}).",
                        title="L18 Fig 3's tests on your dataset")
    log.info("%s", {c.id: c.verdict for c in judged})
