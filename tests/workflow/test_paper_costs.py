"""The measured paper costs (profiles/slurm/paper_cost.csv) set the SLURM resources of the
paper DAG's jobs by size class: a class renamed in the workflow (a new wildcard, a renamed
rule) silently drops its jobs to the minimum request, which a cluster kills."""
import sys
from pathlib import Path

import pytest

from lifsampling.config.costs import load_costs
from lifsampling.logs import USAGE_FORMAT

pytestmark = pytest.mark.workflow


def test_every_measured_cost_belongs_to_a_job_of_the_paper_dag(repo):
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost  # the benchmark's own reading of the paper DAG

    measured = set(load_costs(repo / "profiles" / "slurm" / "paper_cost.csv"))
    assert measured, "paper_cost.csv is empty"
    jobs = paper_cost.dag_jobs("paper")
    assert sorted(measured - {job.size_class for job in jobs}) == []
    # the dry run is not capped at one core: a large network's run keeps its 2 threads
    assert {j.threads for j in jobs if j.rule == "tempering_run"} == {2}


def test_a_many_run_job_is_fitted_on_two_input_counts_or_marked_scaled(repo):
    """Cost = fixed + per input: runs with 3 and 15 inputs give the paper's 30 exactly; a cost
    that falls with the inputs never goes below the largest measurement; one input count
    below the paper's is scaled, its largest measurement whatever the order of the runs; one
    at the paper's count (the rehearsal's) is the measurement itself."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    def cost(n):
        return {"cpu_s": 10 + 2 * n, "peak_mb": 300 + 5 * n}

    fitted, how = paper_cost.fit_to_inputs([(15, cost(15)), (3, cost(3))], 30)
    assert fitted == pytest.approx(cost(30)) and not paper_cost.is_scaled(how)
    falling, _ = paper_cost.fit_to_inputs([(3, {"cpu_s": 9.0}), (15, {"cpu_s": 8.0})], 30)
    assert falling == {"cpu_s": 9.0}
    for order in (1, -1):
        scaled, how = paper_cost.fit_to_inputs([(3, {"cpu_s": 100.0}), (3, {"cpu_s": 5.0})]
                                               [::order], 30)
        assert scaled == {"cpu_s": 1000.0} and paper_cost.is_scaled(how)
    at_count, how = paper_cost.fit_to_inputs([(30, {"cpu_s": 25.0}), (30, {"cpu_s": 20.0})], 30)
    assert at_count == {"cpu_s": 25.0} and not paper_cost.is_scaled(how)
    more, how = paper_cost.fit_to_inputs([(40, {"cpu_s": 25.0})], 30)
    assert more == {"cpu_s": 25.0} and how == "at 40 inputs (the job reads 30)"
    assert paper_cost.aggregate_source("rehearsal/results:paper:0.02") == (
        Path("rehearsal/results"), "paper", "paper at 0.02 (rehearsal)")
    assert paper_cost.aggregate_source("results")[1] == "quick"


def test_a_job_costs_the_cpu_time_its_log_records_not_the_sampled_benchmark(repo, tmp_path):
    """Snakemake's benchmark samples CPU time every 30 s after the first 15 s: a 44-s job that
    used 40 CPU-s reads 14.9. The job's log records its own (lifsampling.logs.own_usage)."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    (tmp_path / "b.tsv").write_text("s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\t"
                                    "io_out\tmean_load\tcpu_time\n"
                                    "44.36\t0:00:44\t262.15\t0\t0\t0\t0\t0\t33.7\t14.96\n")
    usage = USAGE_FORMAT.format(cpu_s=40.2, peak_mb=301.0)
    (tmp_path / "j.log").write_text(f"... INFO wall time 43.11 s; {usage}\n")
    job = paper_cost.Job(rule="r", jobid=1, benchmark="b.tsv", log="j.log")
    assert paper_cost.read_job_cost(tmp_path, job) == {"wall_s": 44.36, "cpu_s": 40.2,
                                                       "peak_mb": 301.0}
    (tmp_path / "j.log").write_text(USAGE_FORMAT.format(cpu_s=40.2, peak_mb=100.0))
    assert paper_cost.read_job_cost(tmp_path, job)["peak_mb"] == 262.15  # the larger peak
    job.log = "missing.log"  # an older run: the benchmark's values
    assert paper_cost.read_job_cost(tmp_path, job)["cpu_s"] == 14.96


SNAKEMAKE_LOG = """\
[Sun Dec  6 14:30:38 2026]
localrule train:
    input: results/data/mnist.nc
    output: results/models/mnist.nc
    log: results/logs/train/mnist.log
    jobid: 57
    benchmark: results/benchmarks/train/mnist.tsv
    wildcards: model=mnist
    threads: 2
    resources: tmpdir=/tmp
[Sun Dec  6 14:31:00 2026]
group job runs (jobs in lexicogr. order):

    [Sun Dec  6 14:31:00 2026]
    rule p16_fig4_run:
        output: results/sims/p16_fig4/cuba/run_w0.6_0.nc
        log: results/logs/sims/p16_fig4/cuba/run_w0.6_0.log
        jobid: 12
        benchmark: results/benchmarks/sims/p16_fig4/cuba/run_w0.6_0.tsv
        wildcards: variant=cuba, weight_scale=0.6, run=0
Error in rule train:
    jobid: 57
[Sun Dec  6 15:13:38 2026]
Finished jobid: 0 (Rule: all)
"""


def test_the_jobs_and_wall_time_of_a_snakemake_log(repo):
    """Both benchmarks read jobs from Snakemake's text: a grouped job is indented, a job of
    one thread prints no `threads:`, an error report is no job."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost
    import quick_budget

    jobs = [paper_cost.job_of_block(r, f) for r, f in paper_cost.job_blocks(SNAKEMAKE_LOG)]
    assert [(j.rule, j.jobid, j.threads) for j in jobs] == [("train", 57, 2),
                                                            ("p16_fig4_run", 12, 1)]
    assert jobs[1].wildcards == {"variant": "cuba", "weight_scale": "0.6", "run": "0"}
    assert jobs[1].log == "results/logs/sims/p16_fig4/cuba/run_w0.6_0.log"
    assert quick_budget.dag_wall_min(SNAKEMAKE_LOG) == pytest.approx(43.0)


def test_a_rehearsal_measures_only_jobs_whose_work_does_not_shrink(repo, tmp_path, monkeypatch):
    """Every simulation's work shrinks with the fraction (the fidelity probe's clamped states
    and the short runs' 1e3 samples are work keys too): a rehearsal at 0.02 runs none at
    paper size. Where a class's work does not shrink, the rehearsal measures it: a run of 2 %
    of its samples, an analysis of those samples (fixed slice, shrunken input), an aggregate
    of many runs and an analysis reading that analysis are no paper measurement."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    fixed = paper_cost.rules_of_fixed_work(0.02)
    assert not {"sampling_fidelity_run", "clamp_delivery_run", "l18_fig3_isl_1e3",
                "l18_fig3_run", "tempering_run", "train", "classify_lif"} & fixed
    assert {"mnist", "bars"} <= fixed  # the data are the paper's at any fraction
    # 10 clamped states are 1 at both 0.5 % and 2 %: no line through those two runs
    probes = {"sampling_fidelity_run", "clamp_delivery_run"}
    assert probes <= paper_cost.rules_of_same_work(0.005, 0.02)
    assert not probes & paper_cost.rules_of_same_work(0.1, 0.3)

    monkeypatch.setattr(paper_cost, "rules_of_fixed_work",
                        lambda f: {"probe_run", "analysis", "summary", "aggregate"})
    header = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"
    job = paper_cost.Job
    jobs = [job("train", 1, outputs=["model.nc"], benchmark="t.tsv"),
            job("sample_run", 2, inputs=["model.nc"], outputs=["samples.nc"], benchmark="s.tsv"),
            job("analysis", 3, inputs=["samples.nc"], outputs=["a.nc"], benchmark="a.tsv"),
            job("summary", 4, inputs=["a.nc"], benchmark="u.tsv"),
            job("aggregate", 5, inputs=["model.nc"], benchmark="g.tsv"),
            job("probe_run", 6, inputs=["model.nc"], benchmark="p6.tsv",
                wildcards={"stp_set": "static"}),
            job("probe_run", 7, inputs=["model.nc"], benchmark="p7.tsv",
                wildcards={"stp_set": "renewing"}),
            job("probe_run", 8, inputs=["model.nc"], benchmark="p8.tsv",  # not run yet
                wildcards={"stp_set": "modulated"})]
    for j, cpu in zip(jobs[:7], (9.0, 8.0, 7.0, 6.0, 5.0, 100.0, 130.0), strict=True):
        (tmp_path / j.benchmark).write_text(header + f"{cpu}\t0\t300\t0\t0\t0\t0\t0\t0\t{cpu}\n")
    costs = paper_cost.costs_from_rehearsal(jobs, {5}, tmp_path, 0.02)
    assert list(costs) == ["probe_run"]  # one class: stp_set is a replica wildcard
    assert costs["probe_run"] == {"rule": "probe_run", "wall_s": 130.0, "cpu_s": 130.0,
                                  "peak_mb": 300.0, "measured_at": "paper: rehearsal at 0.02 "
                                  "(fixed work), largest of 2 jobs"}


def test_reused_upstream_leaves_the_finished_run_as_it_was(repo, tmp_path):
    """A measurement on a finished run's results (`reuse_upstream`): its files are linked,
    the measured job's output, log and benchmark are not there (the job writes them anew,
    and a log or benchmark written through a link would change the finished run's)."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    run = tmp_path / "rehearsal"
    for name in ("models/mnist.nc", "sims/run.nc", "logs/sims/run.log", "benchmarks/run.tsv"):
        (run / "results" / name).parent.mkdir(parents=True, exist_ok=True)
        (run / "results" / name).write_text(name)
    workdir = tmp_path / "f0.1"
    measured = ["results/sims/run.nc", "results/logs/sims/run.log", "results/benchmarks/run.tsv"]
    for _ in range(2):  # a second measurement starts from the run again
        paper_cost.reuse_upstream(run, workdir, measured)
        assert (workdir / "results/models/mnist.nc").stat().st_ino == (
            run / "results/models/mnist.nc").stat().st_ino
        assert not any((workdir / f).exists() for f in measured)
        (workdir / "results/logs/sims/run.log").write_text("measured")
    assert all((run / f).read_text() == f.removeprefix("results/") for f in measured)


def test_a_fraction_of_a_finished_run_is_read_not_run(repo, tmp_path):
    """`--runs-at`: a class measured at two fractions of which both come from finished runs
    of the paper DAG runs nothing; its cost lies on their line; an unfinished job stops it."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    header = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"
    job = paper_cost.Job("sim", 1, outputs=["sim.nc"], benchmark="b.tsv")
    finished = {}
    for f, cpu in ((0.01, 12.0), (0.03, 16.0)):
        finished[f] = tmp_path / f"f{f}"
        finished[f].mkdir()
        (finished[f] / "b.tsv").write_text(header + f"{cpu}\t0\t300\t0\t0\t0\t0\t0\t0\t{cpu}\n")
    costs = paper_cost.measure_classes([job], set(), tmp_path / "work", 2, (0.01, 0.03),
                                       finished=finished)
    assert costs["sim"]["cpu_s"] == pytest.approx(12.0 + 200.0 * 0.99)
    assert not (tmp_path / "work").exists()
    (finished[0.03] / "b.tsv").unlink()
    with pytest.raises(SystemExit, match="has not run 1"):
        paper_cost.measure_classes([job], set(), tmp_path / "work", 2, (0.01, 0.03),
                                   finished=finished)


def test_two_runs_that_differ_by_less_than_their_noise_are_flagged_unresolved(repo):
    """A tempering run at 0.005 and 0.02 of its work, 70.8 and 77.4 CPU-s (2026-12-07): the
    work is 11 % of the larger run, and the line's 509 CPU-s at the paper is mostly the
    noise of the fixed cost; proportional runs are resolved, a cost that falls with the work
    is unresolved, a run that could not cost much more in any case is not, and a negative
    fixed cost is superlinear."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    def runs(small, large):
        return ({"cpu_s": small, "wall_s": small, "peak_mb": 100.0},
                {"cpu_s": large, "wall_s": large, "peak_mb": 100.0})

    cost, flag = paper_cost.extrapolate(*runs(70.8, 77.4), 0.005, 0.02)
    assert cost["cpu_s"] == pytest.approx(70.8 + (77.4 - 70.8) / 0.015 * 0.995)
    assert flag == "unresolved (work 11.4 % of the larger run; at most 3870 CPU-s)"
    assert paper_cost.is_unresolved(f"paper x 0.005 & 0.02 {flag}")
    cost, flag = paper_cost.extrapolate(*runs(10.0, 40.0), 0.005, 0.02)
    assert flag == "" and cost["cpu_s"] == pytest.approx(2000.0)
    assert paper_cost.extrapolate(*runs(9.0, 8.0), 0.005, 0.02)[1].startswith("unresolved")
    assert paper_cost.extrapolate(*runs(1.6, 1.4), 0.005, 0.02)[1] == ""  # at most 70 CPU-s
    assert paper_cost.extrapolate(*runs(10.0, 80.0), 0.005, 0.02)[1] == "superlinear"
    assert paper_cost.work_share(10.0, 40.0, 0.005, 0.02) == pytest.approx(1.0)


def test_representatives_do_not_depend_on_the_dry_runs_order(repo):
    """Snakemake prints a dry run's jobs in an order that changes between invocations (and
    numbers them anew): a measurement that reads a run another invocation made must pick
    the same jobs, the first by benchmark path."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    jobs = [paper_cost.Job("sim", 10 - i, benchmark=f"b/run_{i}.tsv", wildcards={"run": str(i)})
            for i in (3, 1, 2)]
    picks = {paper_cost.representatives(order)["sim"].benchmark for order in (jobs, jobs[::-1])}
    assert picks == {"b/run_1.tsv"}


def test_a_job_needs_at_least_its_cpu_time_over_its_threads(repo):
    """Wall and CPU time are extrapolated on lines of their own; where the wall falls below CPU
    / threads (a run of 2 threads: 133 s wall for 658 CPU-s), the SLURM time limit drawn from
    it would be too short. A job of one thread that used two cores here gets one there."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    jobs = [paper_cost.Job("sim", 1, threads=2), paper_cost.Job("blas", 2)]
    costs = {"sim": {"wall_s": 133.0, "cpu_s": 658.0}, "blas": {"wall_s": 38.0, "cpu_s": 65.0}}
    floored = paper_cost.wall_at_least_cpu_over_threads(costs, jobs)
    assert floored == {"sim": {"wall_s": 329.0, "cpu_s": 658.0},
                       "blas": {"wall_s": 65.0, "cpu_s": 65.0}}
    assert paper_cost.wall_at_least_cpu_over_threads(floored, jobs) == floored


def test_paper_runs_are_read_as_measured(repo, tmp_path):
    """`--from-paper-run`: the jobs runs at paper scale finished are their classes' costs, each
    measure the largest of the class's jobs over all the runs (aggregates included); jobs
    no run finished add nothing."""
    sys.path.insert(0, str(repo / "benchmarks"))
    import paper_cost

    header = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"
    job = paper_cost.Job
    jobs = [job("sim", 1, benchmark="r1.tsv", wildcards={"run": "1"}),
            job("sim", 2, benchmark="r2.tsv", wildcards={"run": "2"}),
            job("aggregate", 3, benchmark="a.tsv"),
            job("figure", 4, benchmark="f.tsv")]  # not run
    finished = {"p16_fig4": {"r1.tsv": (40.0, 55.0, 300.0), "a.tsv": (3.0, 3.0, 200.0)},
                "bars": {"r2.tsv": (60.0, 50.0, 280.0), "a.tsv": (2.0, 2.0, 250.0)}}
    runs = []
    for name, files in finished.items():
        runs.append(tmp_path / name)
        runs[-1].mkdir()
        for file, (wall, cpu, peak) in files.items():
            (runs[-1] / file).write_text(header + f"{wall}\t0\t{peak}\t0\t0\t0\t0\t0\t0\t{cpu}\n")
    costs = paper_cost.costs_from_paper_run(jobs, runs)
    assert sorted(costs) == ["aggregate", "sim"]
    assert {k: costs["sim"][k] for k in ("wall_s", "cpu_s", "peak_mb")} == {
        "wall_s": 60.0, "cpu_s": 55.0, "peak_mb": 300.0}
    assert costs["aggregate"]["peak_mb"] == 250.0
    assert costs["sim"]["measured_at"] == ("paper: full-size run p16_fig4 & bars, largest of "
                                           "2 jobs")
