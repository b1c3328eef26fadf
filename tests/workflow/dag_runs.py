"""Snakemake on the study's Snakefile, as the workflow tests run it."""
import subprocess
import sys


def snakemake(repo, workdir, *args, check=True, timeout=2400):
    """`python -m snakemake` in `workdir` (on 2 cores unless `args` give a profile)."""
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(repo / "Snakefile"),
           "--directory", str(workdir), *args]
    if "--workflow-profile" not in args:
        cmd += ["--cores", "2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        tail = f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        raise AssertionError(f"{' '.join(cmd)} failed:\n{tail}")
    return proc
