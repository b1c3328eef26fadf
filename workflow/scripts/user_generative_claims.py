"""L18 Fig 3's tests on the RBM of one of your datasets
-> results/claims_generative_<name>.{csv,md} (a table of its own)."""
from lifsampling import claims, io
from lifsampling.experiments import l18_fig3
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    name = snakemake.params.dataset
    ds = io.read_dataset(snakemake.input[0], ["isl", "isl_1e3", "stay_1e3"])
    judged = l18_fig3.user_generative_claims(name, ds, snakemake.params.scale)
    claims.write_tables(judged, snakemake.output.csv, snakemake.output.md,
                        f"The RBM of your dataset `{name}`, sampled by Gibbs chains and its LIF "
                        f"networks (target generative_{name}).",
                        title="L18 Fig 3's tests on your dataset")
    log.info("%s", {c.id: c.verdict for c in judged})
