# Analysis: the claims table of STUDY.md §4 -> results/claims.csv, results/claims.md


rule claims:
    input:
        "results/analysis/classification_mnist.nc",
        "results/models/bars_easy.nc",
        "results/models/bars_hard.nc",
        "results/data/bars_easy.nc",
        "results/data/bars_hard.nc",
        "results/sims/l18_fig2_grid.nc",
        expand("results/calibration/{cal_set}.nc", cal_set=CALIBRATION_SETS),
        "results/sims/p16_fig3.nc",
        "results/sims/l18_fig5.nc",
        "results/sims/p16_fig4.nc",
        "results/analysis/p16_fig2_theory.nc",
    output:
        csv=report("results/claims.csv", caption="../report/claims.rst", category="Claims"),
        md="results/claims.md",
    params:
        scale=SCALE,
    log:
        f"{LOGS}/analysis/claims.log",
    benchmark:
        f"{BENCH}/analysis/claims.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/claims.py"


FIG2 = CFG["experiments"]["p16_fig2"]


rule activation_predictions:
    input:
        f"results/calibration/{FIG2['calibration']}.nc",
    output:
        "results/analysis/p16_fig2_theory.nc",
    params:
        cfg=CFG,
        set_name=FIG2["calibration"],
    log:
        f"{LOGS}/analysis/p16_fig2_theory.log",
    benchmark:
        f"{BENCH}/analysis/p16_fig2_theory.tsv"
    conda:
        CONDA_ENV
    script:
        "../scripts/activation_predictions.py"


rule readme_claims:
    """The README's results table, regenerated from results/claims.csv (run at quick scale)."""
    input:
        "results/claims.csv",
    output:
        "results/readme_claims.md",
    params:
        readme=os.path.join(workflow.basedir, "README.md"),
    log:
        f"{LOGS}/analysis/readme_claims.log",
    benchmark:
        f"{BENCH}/analysis/readme_claims.tsv"
    conda:
        CONDA_ENV
    localrule: True
    script:
        "../scripts/readme_claims.py"
