"""P16 Fig 3's tests on one of your Boltzmann machines, per network variant
-> results/claims_bm_<name>.{csv,md} (a table of its own)."""
from lifsampling import claims, io
from lifsampling.experiments import sampling
from lifsampling.logs import job_log

with job_log(snakemake.log[0]) as log:
    datasets = {variant: io.read_dataset(path, ["dkl", "dkl_abstract", "dkl_gibbs"])
                for variant, path in snakemake.input.items()}
    judged = sampling.user_bm_claims(snakemake.params.bm, datasets, snakemake.params.scale)
    claims.write_tables(judged, snakemake.output.csv, snakemake.output.md,
                        f"Your Boltzmann machine `{snakemake.params.bm}`, sampled by "
                        f"{', '.join(datasets)} LIF networks (target bm_{snakemake.params.bm}).",
                        title="P16 Fig 3C's tests on your Boltzmann machine")
    log.info("%s", {c.id: c.verdict for c in judged})
