"""The claims table (docs/study.md §4): claims, verdicts, the CSV/Markdown tables, docs/claims.md.

Each experiment module (`lifsampling.experiments`) defines the claims it can judge and judges
them from its datasets; `lifsampling.experiments.evaluate_claims` gathers them. Every claim is
one row: id, table, paper, figure, statement, paper value, reproduced value, mean, 95 %
interval and n (claims over seeds or runs), test, verdict, scale.

Verdicts: ``pass`` / ``fail`` where the claim is decided at the current scale, ``not decided at
this scale`` where the run is too short or small to decide it (the measured value is still
shown), ``not run`` where the experiment does not exist yet or the configuration does not run
it at this scale (the `reason` says which). A claim over seeds passes only
when its whole 95 % interval lies on the right side of the threshold, fails when it lies wholly
on the wrong side, and is not decided otherwise (`Claim.judge_interval`). Checks of this
study's own machinery, which are not claims of the papers, go into a table of their own
(``table = "consistency check"``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

FIELDS = ("id", "table", "source", "paper", "figure", "statement", "paper_value",
          "reproduced_value", "mean", "ci95_low", "ci95_high", "n", "test", "verdict", "reason",
          "scale")
NOT_RUN = "not run"
FAMILY_ERROR = 0.05  # family-wise error rate of a "fail" over several conditions
UNDECIDED = "not decided at this scale"
# claims of the papers, questions this study asks of them (not claims of the papers, e.g.
# what STP buys beyond tempering), and checks of this study's own machinery
CLAIM, STUDY, CHECK = "claim", "study question", "consistency check"
SOURCES = {CLAIM: "paper", STUDY: "study", CHECK: "check"}  # the `source` column
TABLES = ((CLAIM, None), (STUDY, "Questions of this study (not claims of the papers)"),
          (CHECK, "Consistency checks (not claims of the papers)"))


@dataclass(frozen=True)
class Interval:
    """Mean of n values with its 95 % confidence interval (Student's t)."""

    mean: float
    low: float
    high: float
    n: int

    def text(self, fmt: str = ".3g") -> str:
        return f"{self.mean:{fmt}} [{self.low:{fmt}}, {self.high:{fmt}}] (n = {self.n})"

    def n_to_decide(self, threshold: Any, most: int = 100_000) -> int | None:
        """The smallest number of values whose 95 % t-interval, at the measured mean and
        spread, lies wholly on one side of the threshold (the nearest edge of a range); None
        when the mean sits on the threshold, n < 2, or more than `most` would be needed."""
        if self.n < 2 or not np.isfinite(self.high):
            return None
        edges = np.atleast_1d(np.asarray(threshold, float))
        distance = float(np.min(np.abs(self.mean - edges)))
        from scipy import stats

        sd = (self.high - self.low) / 2 * np.sqrt(self.n) / stats.t.ppf(0.975, self.n - 1)
        if distance == 0 or sd == 0:
            return None
        m = np.arange(self.n + 1, most + 1)
        decided = stats.t.ppf(0.975, m - 1) * sd / np.sqrt(m) < distance
        return int(m[np.argmax(decided)]) if decided.any() else None

    def at(self, confidence: float) -> Interval:
        """The same estimate with its interval at another confidence (the t-quantile
        rescaled; a Bonferroni level for claims over several conditions)."""
        if self.n < 2 or not np.isfinite(self.high - self.low):
            return self
        from scipy import stats

        widen = stats.t.ppf((1 + confidence) / 2, self.n - 1) / stats.t.ppf(0.975, self.n - 1)
        centre, half = (self.high + self.low) / 2, (self.high - self.low) / 2 * widen
        return replace(self, low=centre - half, high=centre + half)

    def why_undecided(self, threshold: Any) -> str:
        """The `reason` of a claim whose interval spans the threshold."""
        needed = self.n_to_decide(threshold)
        return (f"interval spans the threshold (n = {self.n}"
                + (f"; about {needed} would decide it at the measured spread)" if needed
                   else "; more data cannot decide it at this mean)" if self.n >= 2
                   else ": one value, no interval)" if self.n == 1 else ": no finite value)"))

    def side(self, threshold: Any, wanted: str) -> str:
        """'pass' if the whole interval is on the `wanted` side ('below' / 'above' a number,
        'within' a (low, high) range) of the threshold, 'fail' if it is wholly on the other
        side (wholly outside the range), else undecided."""
        if wanted == "within":
            lo, hi = threshold
            if self.low > lo and self.high < hi:
                return "pass"
            return "fail" if self.high < lo or self.low > hi else UNDECIDED
        if wanted not in ("below", "above"):
            raise ValueError(f"side must be 'below', 'above' or 'within', not {wanted!r}")
        below, above = self.high < threshold, self.low > threshold
        if below or above:
            return "pass" if (below if wanted == "below" else above) else "fail"
        return UNDECIDED


def interval(values: Any, confidence: float = 0.95) -> Interval:
    """Mean and t-interval of the mean of per-seed (per-run) values; NaN bounds for n < 2."""
    from scipy import stats

    v = np.asarray(values, float).ravel()
    v = v[np.isfinite(v)]
    mean = float(v.mean()) if v.size else float("nan")
    if v.size < 2:
        return Interval(mean, float("nan"), float("nan"), int(v.size))
    half = stats.t.ppf((1 + confidence) / 2, v.size - 1) * v.std(ddof=1) / np.sqrt(v.size)
    return Interval(mean, float(mean - half), float(mean + half), int(v.size))


def jackknife_interval(statistic: Callable[[np.ndarray], float], p_runs: np.ndarray
                       ) -> Interval:
    """statistic(p_runs) (points, run) with its 95 % jackknife interval over runs (leave one
    run out; deterministic)."""
    from scipy import stats  # here, not at the top: scipy.stats doubles the workflow's start

    n = p_runs.shape[1]
    full = statistic(p_runs)
    loo = np.array([statistic(np.delete(p_runs, r, axis=1)) for r in range(n)])
    se = np.sqrt((n - 1) / n * np.sum((loo - loo.mean()) ** 2))
    half = stats.t.ppf(0.975, n - 1) * se
    return Interval(full, full - half, full + half, n)


@dataclass(frozen=True)
class RateRatio(Interval):
    """log10 of the ratio of two event rates, rate_a / rate_b, from event counts over
    exposures (e.g. mode switches over samples), with its exact 95 % interval: given the
    total count, the count of a is binomial, so the Clopper-Pearson interval of its share
    gives the interval of the ratio (conditional test of two Poisson rates). Censoring needs
    no special case: a chain that never switches is exposure without events, and its rate
    has an upper bound but no lower one. `n` is the number of runs (seeds) pooled; the
    counts are taken as Poisson (stays memoryless, no bursts of switches)."""

    events: tuple[int, int] = (0, 0)
    exposure: tuple[float, float] = (1.0, 1.0)

    def n_to_decide(self, threshold: Any, most: int = 100_000) -> int | None:
        """The smallest number of runs, each as long as those measured, whose interval lies
        wholly on one side of the threshold if the measured rates held; None when a rate is
        0 (the ratio has no finite estimate) or more than `most` runs would be needed."""
        if min(self.events) == 0 or self.n < 1:
            return None
        edges = np.atleast_1d(np.asarray(threshold, float))
        for runs in range(self.n + 1, most + 1):
            factor = runs / self.n
            iv = rate_ratio(round(self.events[0] * factor), self.exposure[0] * factor,
                            round(self.events[1] * factor), self.exposure[1] * factor, runs)
            if not np.any((iv.low <= edges) & (edges <= iv.high)):
                return runs
        return None

    def at(self, confidence: float) -> RateRatio:
        (events_a, events_b), (exposure_a, exposure_b) = self.events, self.exposure
        return rate_ratio(events_a, exposure_a, events_b, exposure_b, self.n, confidence)

    def why_undecided(self, threshold: Any) -> str:
        a, b = self.events
        needed = self.n_to_decide(threshold)
        return (f"interval spans the threshold ({a} against {b} events in {self.n} runs"
                + (f"; about {needed} runs would decide it at the measured rates)" if needed
                   else "; a rate without events has no lower bound: longer runs needed)"
                   if 0 in (a, b) else "; more runs cannot decide it at these rates)"))


def rate_ratio(events_a: int, exposure_a: float, events_b: int, exposure_b: float,
               n: int, confidence: float = 0.95) -> RateRatio:
    """`RateRatio` of rate a = events_a / exposure_a over rate b, pooled over `n` runs."""
    from scipy import stats

    total, alpha = events_a + events_b, 1 - confidence
    if total == 0:
        nan = float("nan")
        return RateRatio(nan, nan, nan, n, (0, 0), (exposure_a, exposure_b))
    # Clopper-Pearson bounds of the share p of a among all events
    p_low = stats.beta.ppf(alpha / 2, events_a, total - events_a + 1) if events_a else 0.0
    p_high = (stats.beta.ppf(1 - alpha / 2, events_a + 1, total - events_a)
              if events_b else 1.0)

    def log_ratio(p: float) -> float:
        with np.errstate(divide="ignore"):
            return float(np.log10(p) - np.log10(1 - p) + np.log10(exposure_b / exposure_a))

    return RateRatio(log_ratio(events_a / total), log_ratio(p_low), log_ratio(p_high), n,
                     (int(events_a), int(events_b)), (float(exposure_a), float(exposure_b)))


def over_seeds(values: Any, fmt: str = ".1f") -> str:
    """'mean ± sd (n = k)' of per-seed values: a claim over seeds states its spread and n."""
    v = np.asarray(values, float).ravel()
    sd = v.std(ddof=1) if v.size > 1 else float("nan")
    return f"{v.mean():{fmt}} ± {sd:{fmt}} (n = {v.size})"


def binomial_accuracy(accuracy: float, n: int) -> str:
    """'93.2 ± 0.3 %' : an accuracy on n items with its binomial standard error."""
    se = np.sqrt(accuracy * (1 - accuracy) / n)
    return f"{100 * accuracy:.1f} ± {100 * se:.1f} %"


@dataclass
class Claim:
    """One claim of a paper and its verdict.

    `test` is the criterion as written in the table; it may name `{bound}`, the threshold the
    evaluator compares with (``claim.bound``), so each threshold is written once.
    """

    id: str
    paper: str
    figure: str
    statement: str
    paper_value: str
    test: str
    bound: Any = None
    decided_at: tuple[str, ...] = ("paper",)
    table: str = CLAIM
    reproduced_value: str = ""
    verdict: str = NOT_RUN
    reason: str = ""  # why a claim is not decided (`UNDECIDED`) or not run by the config
    why_not_quick: str = ""  # the scientific reason scales outside `decided_at` cannot decide
    not_measured: str = ""  # a statement the study does not measure yet: what is missing
    scale: str = ""
    mean: float | str = ""
    ci95_low: float | str = ""
    ci95_high: float | str = ""
    n: int | str = ""

    @property
    def test_text(self) -> str:
        return self.test.format(bound=self.bound)

    def judge(self, value: str, passed: bool, scale: str) -> Claim:
        self.reproduced_value, self.scale = value, scale
        if scale in self.decided_at:
            self.verdict, self.reason = ("pass" if passed else "fail"), ""
        else:
            self.undecided(self.scale_reason())
        return self

    def scale_reason(self) -> str:
        why = f": {self.why_not_quick}" if self.why_not_quick else ""
        return f"decided at {' and '.join(self.decided_at)} scale only{why}"

    def undecided(self, reason: str) -> Claim:
        """Not decided, and why (the `reason` column)."""
        self.verdict, self.reason = UNDECIDED, reason
        return self

    def not_run(self, reason: str, scale: str) -> Claim:
        """Not run at this scale by the configuration, and why (the `reason` column)."""
        self.verdict, self.reason, self.scale = NOT_RUN, reason, scale
        return self

    def not_reached(self, value: str, scale: str) -> Claim:
        """The runs do not reach the regime the claim is about (e.g. a saturation): not
        decided, whatever the scale."""
        self.reproduced_value, self.scale = value, scale
        return self.undecided("not reached: the runs do not reach the regime the claim is about")

    def judge_interval(self, value: str, iv: Interval, threshold: Any, wanted: str,
                       scale: str) -> Claim:
        """Verdict from a seed statistic: pass only with the whole 95 % interval on the
        `wanted` side of the threshold, fail with it wholly on the other, else undecided."""
        return self.judge_intervals(value, {"": iv}, threshold, wanted, scale)

    def judge_intervals(self, value: str, intervals: Mapping[Any, Interval], threshold: Any,
                        wanted: str | Mapping[Any, str], scale: str) -> Claim:
        """As `judge_interval` for a claim over m conditions: pass when every 95 % interval
        lies on the right side (an intersection-union test: 5 % error without adjustment);
        fail when one interval at the Bonferroni level 1 - 0.05 / m lies wholly on the wrong
        side (a family-wise error of 5 % over the m chances to fail); else undecided.
        `wanted` may differ per condition; the columns record the condition nearest to the
        threshold."""
        m = len(intervals)

        def want(k: Any) -> str:
            return wanted if isinstance(wanted, str) else wanted[k]

        sides = {k: iv.side(threshold, want(k)) for k, iv in intervals.items()}
        failed = {k: iv.at(1 - FAMILY_ERROR / m).side(threshold, want(k)) == "fail"
                  for k, iv in intervals.items()}
        edges = np.atleast_1d(np.asarray(threshold, float))

        def nearest(keys: list[Any]) -> Any:
            return min(keys, key=lambda k: np.min(np.abs(intervals[k].mean - edges)))

        near = intervals[nearest(list(intervals))]
        self.mean, self.ci95_low, self.ci95_high, self.n = near.mean, near.low, near.high, near.n
        self.reproduced_value, self.scale = value, scale
        if scale not in self.decided_at:
            return self.undecided(self.scale_reason())
        if any(failed.values()) or all(side == "pass" for side in sides.values()):
            self.verdict, self.reason = ("fail" if any(failed.values()) else "pass"), ""
            return self
        open_ = nearest([k for k in intervals if sides[k] != "pass"])
        if sides[open_] == "fail":
            return self.undecided(f"one interval of {m} lies on the wrong side at 95 %, but "
                                  f"not at the family-wise level (Bonferroni, "
                                  f"{100 * (1 - FAMILY_ERROR / m):.1f} %)")
        return self.undecided(intervals[open_].why_undecided(threshold))

    def for_member(self, member: str, claim_id: str) -> Claim:
        """A copy of this claim (judged or not) as row `claim_id` of the claims table of your
        member `member` (a target such as generative_<name>): same statement, test and
        bound, compared with the paper's figure it mirrors."""
        return replace(self, id=claim_id, paper="yours", figure=member,
                       paper_value=f"as {self.paper} Fig {self.figure}")

    def row(self) -> dict[str, str]:
        d = {**asdict(self), "test": self.test_text, "source": SOURCES[self.table]}
        for k in ("mean", "ci95_low", "ci95_high"):
            d[k] = f"{d[k]:.4g}" if isinstance(d[k], float) else d[k]
        return {k: str(d[k]) for k in FIELDS}


def write_tables(claims: list[Claim], csv_path: Path | str, md_path: Path | str,
                 context: str = "", title: str = "Claims of the papers") -> None:
    """results/claims.csv (one row per claim or check) and a readable results/claims.md with
    the papers' claims and the consistency checks in two tables; `context` (what decided
    them, e.g. the model's training) follows the summary line."""
    rows = [c.row() for c in claims]
    with open(csv_path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    shown = ("id", "paper", "figure", "statement", "paper_value", "reproduced_value", "test",
             "verdict", "reason")
    parts = []
    for table, heading in TABLES:
        if not any(r["table"] == table for r in rows):
            continue
        heading = heading or title
        lines = [f"## {heading}", "", "| claim | paper | fig | statement | paper | reproduced | "
                 "test | verdict | reason |", "|---|---|---|---|---|---|---|---|---|"]
        lines += ["| " + " | ".join(r[k].replace("|", "\\|") for k in shown) + " |"
                  for r in rows if r["table"] == table]
        parts.append("\n".join(lines))
    names = {CLAIM: "claims of the papers", STUDY: "questions of this study", CHECK: "checks"}
    summary = "; ".join(
        f"{names[table]}: " + ", ".join(f"{n} {v}" for v, n in summarize(
            [c for c in claims if c.table == table]).items())
        for table, _ in TABLES if any(c.table == table for c in claims))
    Path(md_path).write_text(f"Claims at scale `{claims[0].scale or 'n/a'}`: {summary}.\n\n"
                             + (f"{context}\n\n" if context else "")
                             + "\n\n".join(parts) + "\n")


def count_verdicts(verdicts: list[str]) -> Mapping[str, int]:
    """How many of `verdicts` are pass, fail, not decided, not run."""
    return {v: verdicts.count(v) for v in ("pass", "fail", UNDECIDED, NOT_RUN)}


def summarize(claims: list[Claim]) -> Mapping[str, int]:
    return count_verdicts([c.verdict for c in claims])


# Generated parts of docs/claims.md (the table) and of README.md (the summary line)
TABLE_MARKERS = ("<!-- claims:start -->", "<!-- claims:end -->")
SUMMARY_MARKERS = ("<!-- claims-summary:start -->", "<!-- claims-summary:end -->")


def docs_table(rows: list[dict[str, str]]) -> str:
    """Short claims table for docs/claims.md (claim, paper figure, reproduced value, verdict),
    then the consistency checks."""
    scale = rows[0]["scale"] if rows else "n/a"
    out = [f"Claims at `{scale}` scale (regenerated by `snakemake claims_docs`):", ""]
    for table, title in TABLES:
        if title:
            if not any(r.get("table", CLAIM) == table for r in rows):
                continue
            out += ["", f"{title}:", ""]
        out += ["| claim | paper, fig | reproduced | verdict |", "|---|---|---|---|"]
        out += [f"| {r['id']} | {r['paper']} {r['figure']} | "
                f"{r['reproduced_value'].replace('|', '/') or '—'} | {r['verdict']}"
                f"{' (' + r['reason'] + ')' if r.get('reason') else ''} |"
                for r in rows if r.get("table", CLAIM) == table]
    return "\n".join(out) + "\n"


def summary_line(rows: list[dict[str, str]]) -> str:
    """One line for the README: the verdict counts of the papers' claims, of the study's
    questions and of the checks, counted apart, and where the table is."""
    def counted(table: str, what: str) -> str:
        kept = [r for r in rows if r.get("table", CLAIM) == table]
        counts = count_verdicts([r["verdict"] for r in kept])
        return f"of {len(kept)} {what}: " + ", ".join(f"{n} {v}" for v, n in counts.items() if n)

    scale = rows[0]["scale"] if rows else "n/a"
    return (f"At `{scale}` scale, {counted(CLAIM, 'claims of the papers')}; "
            f"{counted(STUDY, 'questions of this study')}; "
            f"{counted(CHECK, 'checks of the machinery')} ([docs/claims.md](docs/claims.md)).\n")


def replace_section(text: str, content: str, markers: tuple[str, str] = TABLE_MARKERS) -> str:
    """`text` with the part between the two `markers` replaced by `content`."""
    start, end = text.index(markers[0]), text.index(markers[1])
    return text[: start + len(markers[0])] + "\n" + content + text[end:]
