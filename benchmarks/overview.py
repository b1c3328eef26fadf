"""One table of the study's performance: each benchmark's ratio to its reference, and the wall
time of whole DAGs on this machine.

    python benchmarks/overview.py                 # benchmarks + smoke DAG
    python benchmarks/overview.py --dags smoke quick
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BENCHMARKS = ("cast_throughput.py", "isl_throughput.py", "nest_builder.py", "nest_threads.py",
              "cast_threads.py")


def run_benchmark(script: str) -> str:
    proc = subprocess.run([sys.executable, str(HERE / script)], capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    return lines[-1] if proc.returncode == 0 and lines else f"{script}: FAILED"


def run_dag(scale: str, cores: int) -> float:
    with tempfile.TemporaryDirectory() as workdir:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"),
                        "--directory", workdir, "--cores", str(cores), "--config",
                        f"scale={scale}", "-q"], check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dags", nargs="*", default=["smoke"], help="scales to run whole")
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    rows = [(script, run_benchmark(script)) for script in BENCHMARKS]
    rows += [(f"{scale} DAG", f"{run_dag(scale, args.cores) / 60:.1f} min wall on "
              f"{args.cores} cores") for scale in args.dags]
    width = max(len(name) for name, _ in rows)
    for name, result in rows:
        print(f"{name:<{width}}  {result}")


if __name__ == "__main__":
    main()
