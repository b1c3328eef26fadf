# Figures: one wildcard-free rule per paper figure, named like the figure. Inputs are named
# like the parameters of lifsampling.figures.<rule>, which gets each dataset by its name.


rule l18_fig1:
    input:
        stp_probe="results/sims/l18_fig1_stp.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig1.pdf",
        png=report(f"{FIGDIR}/l18_fig1.png", caption="../report/l18_fig1.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig1.log",
    benchmark:
        f"{BENCH}/figures/l18_fig1.tsv"
    resources:
        **cluster_resources("l18_fig1"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig2:
    input:
        trace="results/sims/p16_fig2_trace.nc",
        theory="results/analysis/p16_fig2_theory.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig2.pdf",
        png=report(f"{FIGDIR}/p16_fig2.png", caption="../report/p16_fig2.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig2.log",
    benchmark:
        f"{BENCH}/figures/p16_fig2.tsv"
    resources:
        **cluster_resources("p16_fig2"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig3:
    input:
        sampling="results/sims/p16_fig3.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig3.pdf",
        png=report(f"{FIGDIR}/p16_fig3.png", caption="../report/p16_fig3.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig3.log",
    benchmark:
        f"{BENCH}/figures/p16_fig3.tsv"
    resources:
        **cluster_resources("p16_fig3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


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


rule l18_fig3:
    input:
        mnist="results/sims/l18_fig3.nc",
        classification="results/analysis/classification_mnist.nc",
        classification_lif="results/analysis/classification_mnist_lif.nc",
        tsne="results/analysis/l18_fig3_tsne.nc",
        scan_rec="results/sims/l18_fig3_scan_tau_rec.nc",
        scan_fac="results/sims/l18_fig3_scan_tau_fac.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig3.pdf",
        png=report(f"{FIGDIR}/l18_fig3.png", caption="../report/l18_fig3.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig3.log",
    benchmark:
        f"{BENCH}/figures/l18_fig3.tsv"
    resources:
        **cluster_resources("l18_fig3"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule l18_fig4:
    input:
        imbalanced="results/sims/l18_fig4_imbalanced.nc",
        completion="results/sims/l18_fig4_completion.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig4.pdf",
        png=report(f"{FIGDIR}/l18_fig4.png", caption="../report/l18_fig4.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig4.log",
    benchmark:
        f"{BENCH}/figures/l18_fig4.tsv"
    resources:
        **cluster_resources("l18_fig4"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig4:
    input:
        network="results/sims/p16_fig4.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig4.pdf",
        png=report(f"{FIGDIR}/p16_fig4.png", caption="../report/p16_fig4.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig4.log",
    benchmark:
        f"{BENCH}/figures/p16_fig4.tsv"
    resources:
        **cluster_resources("p16_fig4"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule l18_fig5:
    input:
        cal_coba=L18_COBA_CALIBRATION,
        cal_cuba=L18_CUBA_CALIBRATION,
        sampling="results/sims/l18_fig5.nc",
        membranes="results/sims/l18_fig5_membranes.nc",
    output:
        pdf=f"{FIGDIR}/l18_fig5.pdf",
        png=report(f"{FIGDIR}/l18_fig5.png", caption="../report/l18_fig5.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/l18_fig5.log",
    benchmark:
        f"{BENCH}/figures/l18_fig5.tsv"
    resources:
        **cluster_resources("l18_fig5"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig5:
    input:
        model="results/sims/p16_fig5_model.nc",
        inference="results/sims/p16_fig5.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig5.pdf",
        png=report(f"{FIGDIR}/p16_fig5.png", caption="../report/p16_fig5.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig5.log",
    benchmark:
        f"{BENCH}/figures/p16_fig5.tsv"
    resources:
        **cluster_resources("p16_fig5"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig6:
    input:
        predictions="results/analysis/p16_fig6.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig6.pdf",
        png=report(f"{FIGDIR}/p16_fig6.png", caption="../report/p16_fig6.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig6.log",
    benchmark:
        f"{BENCH}/figures/p16_fig6.tsv"
    resources:
        **cluster_resources("p16_fig6"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"


rule p16_fig7:
    input:
        sampling="results/sims/p16_fig7.nc",
    output:
        pdf=f"{FIGDIR}/p16_fig7.pdf",
        png=report(f"{FIGDIR}/p16_fig7.png", caption="../report/p16_fig7.rst",
                   category="Figures"),
    log:
        f"{LOGS}/figures/p16_fig7.log",
    benchmark:
        f"{BENCH}/figures/p16_fig7.tsv"
    resources:
        **cluster_resources("p16_fig7"),
    conda:
        CONDA_ENV
    script:
        "../scripts/figure.py"
