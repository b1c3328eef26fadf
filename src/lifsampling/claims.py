"""The claims of STUDY.md §4, checked against the study's own results.

Every claim is one row: id, paper, figure, statement, paper value, reproduced value, test,
verdict, scale. Verdicts: ``pass`` / ``fail`` where the claim is decided at the current scale,
``not decided at this scale`` where the run is too short or small to decide it (the measured
value is still shown), ``not run`` where the experiment does not exist yet. A claim whose test
fails is reported as ``fail`` with the measured value.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import xarray as xr

from .rbm import RBM

FIELDS = ("id", "paper", "figure", "statement", "paper_value", "reproduced_value", "test",
          "verdict", "scale")
NOT_RUN = "not run"
UNDECIDED = "not decided at this scale"


@dataclass
class Claim:
    id: str
    paper: str
    figure: str
    statement: str
    paper_value: str
    test: str
    decided_at: tuple[str, ...] = ("paper",)
    reproduced_value: str = ""
    verdict: str = NOT_RUN
    scale: str = ""
    extra: dict = field(default_factory=dict)

    def judge(self, value: str, passed: bool, scale: str) -> Claim:
        self.reproduced_value, self.scale = value, scale
        if scale in self.decided_at:
            self.verdict = "pass" if passed else "fail"
        else:
            self.verdict = UNDECIDED
        return self

    def row(self) -> dict[str, str]:
        d = asdict(self)
        return {k: str(d[k]) for k in FIELDS}


def _open(path: Path) -> xr.Dataset | None:
    from .io import read_dataset

    return read_dataset(path) if path.is_file() else None


# ----------------------------------------------------------------------------- evaluators


def mean_interaction_strengths(rbm: RBM, patterns: np.ndarray) -> tuple[float, float]:
    """L18 Fig 2c: w_ij = ⟨z_i⟩ᵀ W ⟨z_j⟩ with z_i the mean network state while pattern i is shown.

    ⟨z_i⟩ = (v_i, p(h | v_i)); returns (mean over i of w_ii, mean over i ≠ j of w_ij).
    """
    W, _ = rbm.to_bm()
    z = np.hstack([patterns, rbm.p_h(patterns.astype(np.float64))])
    w = z @ W @ z.T
    off = ~np.eye(len(patterns), dtype=bool)
    return float(np.mean(np.diag(w))), float(np.mean(w[off]))


def _classification(c: dict[str, Claim], results: Path, scale: str) -> None:
    ds = _open(results / "analysis" / "classification_mnist.nc")
    if ds is None:
        return
    acc = float(ds["accuracy"].sel(classifier="gibbs"))
    c["l18_class_gibbs"].judge(f"{100 * acc:.1f} % (exact posterior "
                               f"{100 * float(ds['accuracy'].sel(classifier='exact')):.1f} %)",
                               abs(acc - 0.934) <= 0.01, scale)


def _bars(c: dict[str, Claim], results: Path, scale: str) -> None:
    values = {}
    for level in ("easy", "hard"):
        model, data = (_open(results / "models" / f"bars_{level}.nc"),
                       _open(results / "data" / f"bars_{level}.nc"))
        if model is None or data is None:
            return
        values[level] = mean_interaction_strengths(RBM.from_dataset(model), data["image"].values)
    for level, paper in (("easy", (92.75, -145.48)), ("hard", (102.82, -164.66))):
        within, between = values[level]
        ok = (abs(within - paper[0]) <= 0.25 * abs(paper[0])
              and abs(between - paper[1]) <= 0.25 * abs(paper[1]))
        c[f"l18_bars_interaction_{level}"].judge(f"{within:.2f} / {between:.2f}", ok, scale)
    (ew, eb), (hw, hb) = values["easy"], values["hard"]
    c["l18_bars_hard_more_competitive"].judge(
        f"within {hw:.1f} vs {ew:.1f}, between {hb:.1f} vs {eb:.1f}", hw > ew and hb < eb, scale)


def _stp_grid(c: dict[str, Claim], results: Path, scale: str) -> None:
    ds = _open(results / "sims" / "l18_fig2_grid.nc")
    if ds is None:
        return
    mean = ds["dkl"].mean("seed")
    best = mean.where(mean == mean.min(), drop=True)
    tau_rec, u0, tau_fac = (float(best[k].values[0]) for k in ("tau_rec", "U0", "tau_fac"))
    c["l18_fig2b_optimum"].judge(
        f"tau_rec = {tau_rec:g} ms (U0 = {u0:g}, tau_fac = {tau_fac:g} ms), "
        f"D_KL {float(mean.min()):.4f}",
        10.0 <= tau_rec <= 22.0, scale)
    static = float(ds["dkl_static"].mean())
    c["l18_fig2b_static_not_optimal"].judge(
        f"static {static:.4f} vs best {float(mean.min()):.4f}", static > 1.5 * float(mean.min()),
        scale)


def _calibration(c: dict[str, Claim], results: Path, scale: str) -> None:
    coba, cuba = (_open(results / "calibration" / f"{n}.nc") for n in ("l18_coba", "l18_cuba"))
    p16 = _open(results / "calibration" / "p16_coba.nc")
    if coba is not None:
        dev = coba.attrs["max_logistic_deviation"]
        c["l18_fig5a_logistic"].judge(f"max |sim - logistic| = {dev:.3f}, alpha = "
                                      f"{coba.attrs['alpha_mV']:.2f} mV", dev < 0.03, scale)
    if coba is not None and cuba is not None:
        da = abs(cuba.attrs["alpha_mV"] / coba.attrs["alpha_mV"] - 1)
        du = abs(cuba.attrs["u0_mV"] - coba.attrs["u0_mV"])
        c["l18_fig5e_cuba_equivalent"].judge(
            f"alpha {cuba.attrs['alpha_mV']:.2f} vs {coba.attrs['alpha_mV']:.2f} mV, u0 "
            f"{cuba.attrs['u0_mV']:.2f} vs {coba.attrs['u0_mV']:.2f} mV", da < 0.1 and du < 0.5,
            scale)
    if p16 is not None:
        dev = p16.attrs["max_logistic_deviation"]
        c["p16_fig2d_logistic"].judge(f"max |sim - logistic| = {dev:.3f}", dev < 0.03, scale)
        u0 = p16.attrs["u0_mV"]
        c["p16_u0_minus55"].judge(f"u0 = {u0:.2f} mV", abs(u0 + 55.0) <= 0.5, scale)


def _convergence(c: dict[str, Claim], ds: xr.Dataset, prefix: str, scale: str) -> None:
    dkl = ds["dkl"].values  # (trial, time)
    t = ds["time"].values
    early = np.median(dkl[:, np.searchsorted(t, 1000.0)])
    final = np.median(dkl[:, -1])
    c[f"{prefix}_dkl_decreasing"].judge(f"median {early:.3g} at 1e3 ms -> {final:.3g} at "
                                        f"{t[-1]:g} ms", final < 0.5 * early, scale)
    abstract = float(np.median(ds["dkl_abstract"].values[:, -1]))
    c[f"{prefix}_abstract_lower"].judge(f"abstract {abstract:.3g} vs LIF {final:.3g}",
                                        abstract < final, scale)
    if f"{prefix}_dkl_saturates" in c:
        tenth = np.median(dkl[:, np.searchsorted(t, t[-1] / 10)])
        c[f"{prefix}_dkl_saturates"].judge(
            f"median {tenth:.3g} at T/10 -> {final:.3g} at T (ratio {final / tenth:.2f})",
            final / tenth > 0.5 and final > 0, scale)


def _theory(c: dict[str, Claim], results: Path, scale: str) -> None:
    ds = _open(results / "analysis" / "p16_fig2_theory.nc")
    if ds is None:
        return
    rms = {k: ds.attrs[f"rms_{k}"] for k in ("p16", "brunel_sergi", "quasistatic")}
    c["p16_theory_better"].judge(
        f"RMS P16 {rms['p16']:.4f}, Brunel-Sergi {rms['brunel_sergi']:.4f}, quasi-static "
        f"{rms['quasistatic']:.4f}", rms["p16"] < min(rms["brunel_sergi"], rms["quasistatic"]),
        scale)


def _sampling(c: dict[str, Claim], results: Path, scale: str) -> None:
    fig3 = _open(results / "sims" / "p16_fig3.nc")
    if fig3 is not None:
        _convergence(c, fig3, "p16_fig3", scale)
        if "dkl_bm" in fig3:
            med = float(np.median(fig3["dkl_bm"]))
            c["p16_fig3d_many_bms"].judge(f"median {med:.3g} over {fig3.sizes['bm']} BMs "
                                          f"after {float(fig3['bm_time'][-1]):g} ms",
                                          med < 0.05, scale)
    fig5 = _open(results / "sims" / "l18_fig5.nc")
    if fig5 is not None:
        _convergence(c, fig5, "l18_fig5d", scale)
    fig4 = _open(results / "sims" / "p16_fig4.nc")
    if fig4 is not None:
        final = fig4["dkl"].isel(time=-1).mean("run").values
        text = ", ".join(f"{s:g}: {v:.3g}" for s, v in zip(fig4["weight_scale"].values, final,
                                                          strict=True))
        c["p16_fig4_dkl_grows"].judge(text, bool(np.all(np.diff(final) > 0)), scale)


EVALUATORS: tuple[Callable[[dict[str, Claim], Path, str], None], ...] = (
    _classification, _bars, _stp_grid, _calibration, _theory, _sampling)


def registry() -> dict[str, Claim]:
    """Every claim of STUDY.md §4 (and the quantitative facts of the papers' appendices)."""
    q, p = ("quick", "paper"), ("paper",)
    rows = [
        Claim("l18_class_gibbs", "L18", "3", "Gibbs classifier accuracy on the MNIST test set",
              "93.4 %", "|acc - 93.4 %| <= 1 %", p),
        Claim("l18_class_lif", "L18", "3", "LIF+STP classifier accuracy, same W, b", "93.2 %",
              "|acc - 93.2 %| <= 1 %", p),
        Claim("l18_isl_lif_above_gibbs", "L18", "3b,c", "LIF+STP ISL > Gibbs ISL at 1e3 samples "
              "(over seeds)", "higher", "mean over seeds, one-sided", p),
        Claim("l18_isl_converge", "L18", "3b", "LIF+STP and Gibbs ISL converge for > 1e5 samples",
              "converge", "|difference| < 2 % at 1e5", p),
        Claim("l18_isl_opt_pom", "L18", "3b", "OPT highest, POM lowest ISL", "order", "order", p),
        Claim("l18_mode_durations", "L18", "3d", "LIF+STP mode durations shorter than Gibbs",
              "shorter", "mean duration ratio < 1", p),
        Claim("l18_bars_easy_mixing", "L18", "2c", "Gibbs on easy bars stays ~100x longer in a "
              "mode than LIF+STP", "~100x", "ratio within 30x-300x", p),
        Claim("l18_bars_hard_stuck", "L18", "2c", "Gibbs on hard bars never leaves its mode",
              "never", "no mode switch in 5000 samples", p),
        Claim("l18_bars_interaction_easy", "L18", "2c", "mean within / between interaction "
              "strengths, easy bars", "92.75 / -145.48", "each within 25 %", p),
        Claim("l18_bars_interaction_hard", "L18", "2c", "mean within / between interaction "
              "strengths, hard bars", "102.82 / -164.66", "each within 25 %", p),
        Claim("l18_bars_hard_more_competitive", "L18", "2c", "hard bars: stronger within, more "
              "negative between than easy", "hard more competitive", "both inequalities", p),
        Claim("l18_fig2b_optimum", "L18", "2b", "D_KL optimum of the STP grid near tau_rec = 15 ms",
              "tau_rec ~ 15 ms", "10 <= tau_rec <= 22 ms", q),
        Claim("l18_fig2b_static_not_optimal", "L18", "2b", "static synapses (1, 0, 0) are not "
              "optimal", "not optimal", "D_KL(static) > 1.5 x grid minimum", q),
        Claim("l18_imbalanced_balance", "L18", "4a-c", "mode histogram more balanced for LIF+STP "
              "than Gibbs and AST (imbalanced set)", "more balanced", "normalised entropy", p),
        Claim("l18_completion_balance", "L18", "4d-f", "pattern completion: LIF+STP visits 3 and "
              "5 more evenly than Gibbs and AST", "more balanced", "normalised entropy", p),
        Claim("l18_ast_slower", "L18", "4", "AST ~20x slower in valid samples than Gibbs",
              "~20x", "fraction at beta = 1 in [1/30, 1/10]", p),
        Claim("l18_fig5a_logistic", "L18", "5a", "LIF activation function in the HCS is logistic",
              "logistic", "max deviation < 0.03", q),
        Claim("l18_fig5e_cuba_equivalent", "L18", "5e", "CUBA neuron (Table 2) equivalent to the "
              "COBA neuron", "equivalent", "alpha within 10 %, u0 within 0.5 mV", q),
        Claim("l18_fig5d_dkl_decreasing", "L18", "5d", "4-unit network D_KL decreases with time",
              "decreasing", "median final < 0.5 x median at 1e3 ms", q),
        Claim("l18_fig5d_abstract_lower", "L18", "5d", "abstract model below the LIF network "
              "(reference)", "lower", "median final D_KL", q),
        Claim("p16_theory_better", "P16", "2B", "P16 theory fits the simulated activation better "
              "than both literature predictions", "better", "RMS error over the simulated points",
              q),
        Claim("p16_fig2d_logistic", "P16", "2D", "logistic fit in the high-noise regime",
              "logistic", "max deviation < 0.03", q),
        Claim("p16_u0_minus55", "P16", "App. VII", "p(z=1) = 0.5 at u = -55 mV with w_inh of "
              "eq. 71", "-55 mV", "|u0 + 55 mV| <= 0.5 mV", q),
        Claim("p16_fig3_dkl_decreasing", "P16", "3C", "K = 5: D_KL decreases with time",
              "decreasing", "median final < 0.5 x median at 1e3 ms", q),
        Claim("p16_fig3_dkl_saturates", "P16", "3C", "K = 5: D_KL saturates at a small non-zero "
              "value", "saturates", "D_KL(T) / D_KL(T/10) > 0.5", p),
        Claim("p16_fig3_abstract_lower", "P16", "3C", "abstract model reaches lower D_KL",
              "lower", "median final D_KL", q),
        Claim("p16_fig3d_many_bms", "P16", "3D", "small D_KL after 1e6 ms over 100 random BMs",
              "~1e-2", "median < 0.05", p),
        Claim("p16_fig4_dkl_grows", "P16", "4", "K = 500: D_KL grows with the weight scale "
              "0.6 / 1.2 / 2.4", "grows", "monotone in the scale", q),
        Claim("p16_fig5_prior", "P16", "5C", "prior visits 0, 3, 4 about equally", "equal",
              "each 1/3 +- 0.1", p),
        Claim("p16_fig5_posterior", "P16", "5D", "posterior suppresses 0, keeps 3 and 4",
              "0 suppressed", "p(0) < 0.1, p(3), p(4) > 0.3", p),
    ]
    return {c.id: c for c in rows}


def evaluate(results: Path | str, scale: str) -> list[Claim]:
    """All claims, judged from the files under `results` that exist."""
    claims = registry()
    for evaluator in EVALUATORS:
        evaluator(claims, Path(results), scale)
    for claim in claims.values():
        claim.scale = scale
    return list(claims.values())


def write_tables(claims: list[Claim], csv_path: Path | str, md_path: Path | str) -> None:
    """results/claims.csv and a readable results/claims.md."""
    rows = [c.row() for c in claims]
    with open(csv_path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    lines = ["| claim | paper | fig | statement | paper | reproduced | test | verdict |",
             "|---|---|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r[k].replace("|", "\\|") for k in FIELDS[:-1]) + " |"
              for r in rows]
    summary = ", ".join(f"{n} {v}" for v, n in summarize(claims).items())
    Path(md_path).write_text(f"Claims at scale `{claims[0].scale or 'n/a'}`: {summary}.\n\n"
                             + "\n".join(lines) + "\n")


def summarize(claims: list[Claim]) -> Mapping[str, int]:
    return {v: sum(c.verdict == v for c in claims) for v in ("pass", "fail", UNDECIDED, NOT_RUN)}


README_START, README_END = "<!-- claims:start -->", "<!-- claims:end -->"


def readme_table(rows: list[dict[str, str]]) -> str:
    """Short claims table for the README: claim, paper figure, reproduced value, verdict."""
    scale = rows[0]["scale"] if rows else "n/a"
    lines = [f"Claims at `{scale}` scale (regenerated by `snakemake readme_claims`):", "",
             "| claim | paper, fig | reproduced | verdict |", "|---|---|---|---|"]
    lines += [f"| {r['id']} | {r['paper']} {r['figure']} | "
              f"{r['reproduced_value'].replace('|', '/') or '—'} | {r['verdict']} |" for r in rows]
    return "\n".join(lines) + "\n"


def replace_readme_section(readme: str, table: str) -> str:
    """README text with the part between the claims markers replaced by `table`."""
    start, end = readme.index(README_START), readme.index(README_END)
    return readme[: start + len(README_START)] + "\n" + table + readme[end:]
