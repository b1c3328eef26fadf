"""Snakemake on the study's Snakefile, as the workflow tests run it (the one place tests
launch Snakemake), and the figure targets the families define."""
import re
import subprocess
import sys
from pathlib import Path


def snakemake_cmd(repo, workdir, *args, cores=2, snakefile=None):
    """The command line of `python -m snakemake` in `workdir` (`cores` unless `args` give a
    profile) on the study's Snakefile, or on `snakefile`."""
    cmd = [sys.executable, "-m", "snakemake", "--snakefile", str(snakefile or repo / "Snakefile"),
           "--directory", str(workdir), *args]
    if "--workflow-profile" not in args:
        cmd += ["--cores", str(cores)]
    return cmd


def snakemake(repo, workdir, *args, check=True, timeout=2400, cores=2, snakefile=None,
              env=None):
    """Run `snakemake_cmd` (in `env`, else this process's environment); with `check`, a
    failure raises with the end of its output."""
    cmd = snakemake_cmd(repo, workdir, *args, cores=cores, snakefile=snakefile)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and proc.returncode != 0:
        tail = f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        raise AssertionError(f"{' '.join(cmd)} failed:\n{tail}")
    return proc


def figure_targets(repo: Path) -> list[str]:
    """Every figure rule of the families' .smk files (a rule drawing `{FIGDIR}/<name>.pdf`),
    as the Snakefile derives its `FIGURES`."""
    rules = (Path(repo) / "workflow" / "rules").glob("*.smk")
    return sorted(name for path in rules
                  for name in re.findall(r'pdf=f"\{FIGDIR\}/(\w+)\.pdf"', path.read_text()))
