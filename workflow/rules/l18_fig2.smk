# Figure family l18_fig2: L18 Fig 2: D_KL of the 10-unit network over the (U0, tau_rec, tau_fac)
# grid (a-b) and
# Gibbs vs LIF+STP vs renewing synapses on the bars RBMs (c).
# Figure rules: one wildcard-free rule per paper figure, named like the figure; their inputs
# are named like the parameters of lifsampling.figures.<figure>.

# the datasets this family's claims are judged from (rule claims)
CLAIM_INPUTS |= {
    "l18_fig2_bars": "results/sims/l18_fig2_bars.nc",
    "l18_fig2_grid": "results/sims/l18_fig2_grid.nc",
    "l18_fig2_grid_judged": "results/sims/l18_fig2_grid_judged.nc",
}


# L18 Fig 2b: STP grid, one job per (tau_fac, seed) holding all (U0, tau_rec) networks.
rule l18_fig2_grid_chunk:
    input:
        calibration=calibration_file(GRID["calibration"]),
    output:
        "results/sims/l18_fig2_grid/taufac_{tau_fac}_seed_{seed}.nc",
    wildcard_constraints:
        tau_fac=r"[0-9.]+",
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig2_grid.l18_fig2_grid_chunk_slice(
            CFG, float(wc.tau_fac), int(wc.seed)),
    group:
        "runs"
    log:
        f"{LOGS}/sims/l18_fig2_grid/taufac_{{tau_fac}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid/taufac_{{tau_fac}}_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("l18_fig2_grid_chunk"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig2_grid_aggregate:
    input:
        chunks=GRID_CHUNKS,
    output:
        "results/sims/l18_fig2_grid.nc",
    params:
        job=families.l18_fig2_grid.l18_fig2_grid_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig2_grid.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid.tsv"
    resources:
        **cluster_resources("l18_fig2_grid_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig2_grid_judge:
    """The optimum and the best set at tau_rec = tau_syn chosen on the grid's seeds, and
    static synapses, on fresh BMs: the claims are judged there, not on the choosing seeds."""
    input:
        grid="results/sims/l18_fig2_grid.nc",
        calibration=calibration_file(GRID["calibration"]),
    output:
        "results/sims/l18_fig2_grid_judged.nc",
    params:
        job=families.l18_fig2_grid.l18_fig2_grid_judge_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig2_grid_judged.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_grid_judged.tsv"
    resources:
        **cluster_resources("l18_fig2_grid_judge"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


# L18 Fig 2c: Gibbs and LIF+STP samples of the bars RBMs, one job per (bar set, seed).
rule l18_fig2_bars_run:
    input:
        model="results/models/bars_{bar_set}.nc",
        data="results/data/bars_{bar_set}.nc",
        calibration=calibration_file(BARS["calibration"]),
    output:
        "results/sims/l18_fig2_bars/{bar_set}_seed_{seed}.nc",
    wildcard_constraints:
        bar_set="|".join(BAR_SETS),
        seed=r"\d+",
    params:
        job=lambda wc: families.l18_fig2_bars.l18_fig2_bars_run_slice(
            CFG, wc.bar_set, int(wc.seed)),
    group:
        "runs"
    log:
        f"{LOGS}/sims/l18_fig2_bars/{{bar_set}}_seed_{{seed}}.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_bars/{{bar_set}}_seed_{{seed}}.tsv"
    resources:
        **cluster_resources("l18_fig2_bars_run"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig2_bars_aggregate:
    input:
        unpack(l18_fig2_bars_aggregate_inputs),
    output:
        "results/sims/l18_fig2_bars.nc",
    params:
        job=families.l18_fig2_bars.l18_fig2_bars_aggregate_slice(CFG),
    log:
        f"{LOGS}/sims/l18_fig2_bars.log",
    benchmark:
        f"{BENCH}/sims/l18_fig2_bars.tsv"
    resources:
        **cluster_resources("l18_fig2_bars_aggregate"),
    conda:
        CONDA_ENV
    script:
        "../scripts/job.py"


rule l18_fig2:
    input:
        grid="results/sims/l18_fig2_grid.nc",
        bars="results/sims/l18_fig2_bars.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig2.pdf",
        png=report(f"{FIGDIR}/l18_fig2.png", caption="../report/l18_fig2.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig2.log",
    benchmark:
        f"{BENCH}/figures/l18_fig2.tsv"
    resources:
        **cluster_resources("l18_fig2"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
