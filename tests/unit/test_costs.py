"""Cluster resources from the measured paper costs (lifsampling.config.costs)."""
from lifsampling.config import costs


def test_size_class_keeps_only_the_wildcards_that_set_a_jobs_length():
    wc = {"experiment": "p16_fig3", "kind": "trial", "block": "7"}
    assert costs.size_class("sampling_block", wc) == "sampling_block:p16_fig3:trial"
    assert costs.size_class("l18_fig2_grid_chunk", {"tau_fac": "10.0", "seed": "3"}) == \
        "l18_fig2_grid_chunk"


def test_resources_are_the_measured_cost_times_the_margins(tmp_path):
    table = tmp_path / "costs.csv"
    table.write_text("size_class,rule,wall_s,cpu_s,peak_mb,measured_at\n"
                     "train:mnist,train,1800.0,1790.0,2000.0,paper x 0.01 & 0.03\n")
    measured = costs.load_costs(table)
    got = costs.job_resources(measured, "train", {"model": "mnist"})
    assert got == {"runtime": 30 * costs.RUNTIME_MARGIN,
                   "mem_mb": 2000 * costs.MEMORY_MARGIN}
    # unmeasured classes and tiny jobs get the minimum request
    assert costs.job_resources(measured, "train", {"model": "bars_easy"}) == \
        {"runtime": costs.MIN_RUNTIME_MIN, "mem_mb": costs.MIN_MEM_MB}
    assert costs.load_costs(tmp_path / "missing.csv") == {}


def test_a_retried_job_asks_for_more(tmp_path):
    measured = {"train:mnist": {"wall_s": 1800.0, "cpu_s": 1790.0, "peak_mb": 2000.0}}
    first, second, third = (costs.job_resources(measured, "train", {"model": "mnist"}, attempt)
                            for attempt in (1, 2, 3))
    growth = costs.RETRY_GROWTH
    assert second == {k: v * growth for k, v in first.items()}
    assert third == {k: v * growth ** 2 for k, v in first.items()}
    resources = costs.snakemake_resources(measured, "train")
    assert resources["runtime"]({"model": "mnist"}, 2) == second["runtime"]
    assert resources["cpus_per_task"]({"model": "mnist"}, 4) == 4
