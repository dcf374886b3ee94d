#!/bin/bash
# A capacity sweep too big for one machine, as a Slurm job array.
#
#   sbatch docs/slurm-capacity.sh        # or: bash docs/slurm-capacity.sh
#
# Run without SLURM_ARRAY_TASK_ID (from a login node), the script submits
# itself as an array of $SHARDS tasks and a merge job that starts when every
# task has succeeded. Each task runs one shard of the grid (cells k with
# k mod SHARDS = task id) and writes shards/shard-<id>.csv; the merge job
# joins them into sweep.csv (byte for byte what one machine would write)
# and draws sweep.png. Results depend only on the flags and the seed, so a
# failed task can simply be rerun:
#   sbatch --array=<id> --output='shards/slurm-%A_%a.log' docs/slurm-capacity.sh
#
# Submit from the directory that is to hold the results: the jobs run
# there. Slurm does not create the directory of a log file, and a job whose
# log cannot be opened fails at once; so the first job logs to the current
# directory (hopfield-capacity-<job id>.log), and the array tasks and the
# merge job, submitted once shards/ exists, log to shards/.
#
# Each task needs the hopfield binary on its PATH
# (go install github.com/hopfield-lab/hopfield/cmd/hopfield@latest).
# --memory-gb 3 keeps a task within its --mem=4G whatever the node's size;
# hopfield capacity refuses a shard it estimates at more than 24 CPU-hours
# (--max-cpu-hours): the default sweep takes about 1.7 CPU-hours per shard.
#
#SBATCH --job-name=hopfield-capacity
#SBATCH --cpus-per-task=8
#SBATCH --mem=4G
#SBATCH --time=04:00:00
#SBATCH --output=hopfield-capacity-%j.log
set -euo pipefail

SHARDS=${SHARDS:-16}
# The sweep: every shard must use the same flags and seed. Override with
# SWEEP_ARGS="..." to try the script on something small.
read -r -a SWEEP <<< "${SWEEP_ARGS:---rule hebbian,storkey,pseudoinverse --n 500,1000,2000 --alpha 0.05:0.25:0.005 --measure fixed,overlap --trials 1000 --seed 2024}"

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
	mkdir -p shards
	if [[ "${LOCAL:-}" == 1 ]]; then
		# No Slurm: run the shards one after the other, then merge.
		for ((i = 0; i < SHARDS; i++)); do
			SLURM_ARRAY_TASK_ID=$i bash "$0"
		done
		hopfield merge shards/shard-*.csv --out sweep.csv --plot sweep.png
		exit
	fi
	jid=$(sbatch --parsable --array="0-$((SHARDS - 1))" --output='shards/slurm-%A_%a.log' \
		--export=ALL,SHARDS="$SHARDS" "$0")
	sbatch --dependency="afterok:$jid" --job-name=hopfield-merge --output=shards/merge-%j.log \
		--wrap "hopfield merge shards/shard-*.csv --out sweep.csv --plot sweep.png"
	echo "submitted array $jid ($SHARDS shards) and its merge job"
	exit
fi

mkdir -p shards # for a task rerun on its own from a fresh directory
hopfield capacity "${SWEEP[@]}" \
	--shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
	--workers "${SLURM_CPUS_PER_TASK:-0}" \
	--memory-gb 3 \
	--out "shards/shard-$SLURM_ARRAY_TASK_ID.csv"
