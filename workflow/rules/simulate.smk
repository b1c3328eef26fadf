# NEST simulations -> results/sims/*.nc


rule l18_fig1_stp:
    output:
        "results/sims/l18_fig1_stp.nc",
    params:
        cfg=CFG,
        seed=seed_for("l18_fig1"),
    log:
        f"{LOGS}/sims/l18_fig1_stp.log",
    benchmark:
        f"{BENCH}/sims/l18_fig1_stp.tsv"
    resources:
        runtime=10,
        mem_mb=2000,
    script:
        "../scripts/l18_fig1_stp.py"
