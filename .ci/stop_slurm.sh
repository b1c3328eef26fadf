#!/usr/bin/env bash
# Stop the daemons started by .ci/start_slurm.sh.
for d in slurmd slurmctld munged; do pkill -x "$d" 2>/dev/null || true; done
