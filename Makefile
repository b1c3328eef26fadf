# Two commands: `make` (set up and run the study) and `make test` (set up and run the tests);
# `make test-unit` for a fast loop (unit tests only: no NEST networks, no workflow).
VENV  ?= .venv
PY    := $(VENV)/bin/python
CORES ?= 2
SCALE ?=

SNAKEMAKE_ARGS := --cores $(CORES) $(if $(SCALE),--config scale=$(SCALE),)

.PHONY: all setup study test test-unit clean-results rehearse-paper
all: study

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# PyNN's NEURON mechanisms, compiled once here so that no simulation ever compiles
	cd "$$($(PY) -c 'import os, pyNN; print(os.path.dirname(pyNN.__file__))')/neuron/nmodl" \
		&& PATH="$(abspath $(VENV))/bin:$$PATH" nrnivmodl > /dev/null
	touch $@

setup: $(VENV)/.installed

study: setup
	$(PY) -m snakemake $(SNAKEMAKE_ARGS)

test: setup
	$(PY) -m pytest

test-unit: setup
	$(PY) -m pytest tests/unit

# The paper DAG's every job, at a small fraction of its work, through SLURM (docs/running.md):
# on this machine's localhost cluster (.ci/start_slurm.sh, root only, one CPU per core) unless
# sinfo finds one; stop the SLURM test's cluster first (.ci/stop_slurm.sh): it offers 4 per core.
REHEARSAL_DIR ?= rehearsal
FRACTION ?= 0.02
rehearse-paper: setup
	sinfo > /dev/null 2>&1 || CPUS_PER_CORE=1 bash .ci/start_slurm.sh
	$(PY) -m snakemake --workflow-profile profiles/slurm --directory $(REHEARSAL_DIR) \
		--config scale=paper work_fraction=$(FRACTION)

clean-results:
	rm -rf results/data results/models results/calibration results/calibration.nc results/sims \
		results/analysis results/figures results/logs results/benchmarks results/claims.csv \
		results/claims.md results/claims_docs.md results/claims_generative.csv results/claims_generative.md results/report.html
