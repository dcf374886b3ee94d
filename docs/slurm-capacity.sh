#!/bin/bash
# A capacity sweep too big for one machine, as a Slurm job array.
#
#   bash docs/slurm-capacity.sh      # on a login node; or: sbatch docs/slurm-capacity.sh
#
# Run from the directory that is to hold the results (the run folder: the
# jobs run there). Run without SLURM_ARRAY_TASK_ID, the script records the
# sweep in sweep.env and submits itself as an array of $SHARDS tasks and a
# merge job that starts when every task has succeeded. Each task runs one
# shard of the grid (cells k with k mod SHARDS = task id) and writes
# shards/shard-<id>.csv with its sidecar shards/shard-<id>.json (the
# sweep's settings); the merge job joins them into sweep.csv and sweep.json
# (byte for byte what one machine would write) and draws sweep.png.
#
# Settings, from the environment (defaults in brackets):
#   SHARDS      number of array tasks [16]
#   SWEEP_ARGS  the flags of hopfield capacity, seed included [the sweep below]
#   CPUS        CPUs of each task [8]
#   MEMORY      memory of each task, as sbatch --mem takes it; 0: the node's [4G]
#   TIME        time limit of each task, as sbatch --time takes it [04:00:00]
#   LOCAL=1     no Slurm: run the shards one after the other here, then merge
#   RERUN=ids   submit only these tasks again (e.g. 3 or 3,7 or 2-5), and a merge
# e.g.  CPUS=4 MEMORY=2G TIME=08:00:00 bash docs/slurm-capacity.sh
# CPUS, MEMORY and TIME go to sbatch on its command line, which overrides the
# #SBATCH lines below: those only size the job that submits the others
# (with `sbatch docs/slurm-capacity.sh`), which needs one CPU for seconds.
#
# sweep.env: SHARDS and SWEEP_ARGS are the sweep; every shard must use the
# same ones. The first submission writes them, with CPUS, MEMORY and TIME,
# to sweep.env in the run folder, and every later use of the folder (a task,
# a rerun, a second submission) reads them from there, so nothing needs to
# be exported again in a new shell. A SHARDS or SWEEP_ARGS in the
# environment that disagrees with sweep.env is refused; CPUS, MEMORY and
# TIME in the environment override the recorded ones (a rerun after a time
# out may ask for more time).
#
# Results depend only on the flags and the seed, so a failed task is simply
# submitted again, from the run folder, with a merge job after it:
#   RERUN=<id> bash docs/slurm-capacity.sh
# (The first merge job, waiting for a task that failed, stays pending as
# DependencyNeverSatisfied: scancel it.)
#
# The script refuses (exit 2, one line) to submit into a run folder whose
# shards/ holds shard files of another sweep (an earlier run with more
# shards, say), naming them: the merge would fail on them after the
# whole sweep had run.
#
# Slurm does not create the directory of a log file, and a job whose log
# cannot be opened fails at once; so the submitting job logs to the run
# folder (hopfield-capacity-<job id>.log), and the array tasks and the merge
# job, submitted once shards/ exists, log to shards/.
#
# Each task needs the hopfield binary on its PATH
# (go install github.com/hopfield-lab/hopfield/cmd/hopfield@latest).
# hopfield capacity gets --memory-gb of 3/4 of MEMORY (3 of the default 4G;
# with MEMORY=0, 0: half the node's), to stay within the task's memory
# whatever the node's size; it refuses a shard it estimates at more than 24
# CPU-hours (--max-cpu-hours): the default sweep takes about 1.7 CPU-hours
# per shard.
#
#SBATCH --job-name=hopfield-capacity
#SBATCH --cpus-per-task=1
#SBATCH --time=00:10:00
#SBATCH --output=hopfield-capacity-%j.log
set -euo pipefail

DEFAULT_SWEEP="--rule hebbian,storkey,pseudoinverse --n 500,1000,2000 --alpha 0.05:0.25:0.005 --measure fixed,overlap --trials 1000 --seed 2024"

refuse() {
	echo "slurm-capacity.sh: $*" >&2
	exit 2
}

# shard_of FILE.csv: the shard i/n that a shard file holds, from its
# sidecar FILE.json, or from the '# shard:' line of a file written before
# sidecars existed; 0/1 for a whole sweep, nothing for a file that is
# neither.
shard_of() {
	local side=${1%.csv}.json s
	if [[ -f $side ]]; then
		s=$(sed -n 's|^ *"shard": "\([0-9]*/[0-9]*\)",*$|\1|p' "$side")
	elif grep -q '^# hopfield capacity:' "$1"; then
		s=$(sed -n 's/^# shard: //p' "$1")
	else
		return 0
	fi
	echo "${s:-0/1}"
}

# quote VALUE: VALUE in single quotes, as the shell reads it back.
quote() {
	local q="'\\''"
	printf "'%s'" "${1//\'/$q}"
}

# The sweep of this run folder: sweep.env if an earlier submission wrote
# it, else the environment, else the defaults.
recorded=0
if [[ -f sweep.env ]]; then
	recorded=1
	env_shards=${SHARDS-} env_sweep=${SWEEP_ARGS-}
	env_cpus=${CPUS-} env_memory=${MEMORY-} env_time=${TIME-}
	# shellcheck source=/dev/null
	source ./sweep.env
	if [[ -n $env_shards && $env_shards != "$SHARDS" ]] ||
		[[ -n $env_sweep && $env_sweep != "$SWEEP_ARGS" ]]; then
		refuse "this folder holds another sweep (sweep.env: SHARDS=$SHARDS SWEEP_ARGS=$(quote "$SWEEP_ARGS")); unset SHARDS and SWEEP_ARGS to use it, or submit from a new folder"
	fi
	CPUS=${env_cpus:-${CPUS-}} MEMORY=${env_memory:-${MEMORY-}} TIME=${env_time:-${TIME-}}
fi
SHARDS=${SHARDS:-16}
SWEEP_ARGS=${SWEEP_ARGS:-$DEFAULT_SWEEP}
CPUS=${CPUS:-8}
MEMORY=${MEMORY:-4G}
TIME=${TIME:-04:00:00}
read -r -a SWEEP <<< "$SWEEP_ARGS"

[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || refuse "SHARDS=$SHARDS is not a positive number"
[[ $CPUS =~ ^[1-9][0-9]*$ ]] || refuse "CPUS=$CPUS is not a positive number"
# sbatch --time: minutes, m:s, h:m:s, d-h, d-h:m, d-h:m:s. (GNU time reads
# a TIME variable as its output format: that one is refused here.)
[[ $TIME =~ ^([0-9]+-)?[0-9]+(:[0-9]+){0,2}$|^(UNLIMITED|INFINITE)$ ]] ||
	refuse "TIME=$TIME is not a Slurm time limit (such as 04:00:00 or 1-12:00:00)"
# sbatch --mem: a number with an optional unit K, M (the default), G or T;
# 0 is the whole node (for a slurm.conf without RealMemory, where a node has
# 1 MB and any other --mem is refused), and hopfield then takes half of it.
[[ $MEMORY =~ ^(0|[1-9][0-9]*)([KkMmGgTt]?)$ ]] ||
	refuse "MEMORY=$MEMORY is not a Slurm memory size (such as 4G or 3500M, or 0 for the whole node)"
case ${BASH_REMATCH[2]^^} in
K) mib=$((BASH_REMATCH[1] / 1024)) ;;
G) mib=$((BASH_REMATCH[1] * 1024)) ;;
T) mib=$((BASH_REMATCH[1] * 1024 * 1024)) ;;
*) mib=${BASH_REMATCH[1]} ;;
esac
# A quarter of the task's memory is left for the Go runtime and the rest.
MEMORY_GB=$(awk -v m="$mib" 'BEGIN { printf "%g", m * 0.75 / 1024 }')

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" ]]; then
	# Submission (or LOCAL=1, or RERUN=ids).
	if [[ -n "${RERUN:-}" ]]; then
		[[ $recorded == 1 ]] || refuse "RERUN: no sweep.env here; run it from the folder the sweep was submitted from"
		[[ $RERUN =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] ||
			refuse "RERUN=$RERUN is not a list of task ids such as 3 or 3,7 or 2-5"
		for id in ${RERUN//[,-]/ }; do
			((10#$id < SHARDS)) || refuse "RERUN: task $id is not one of 0-$((SHARDS - 1))"
		done
	else
		# Shard files this sweep would not write, or cannot vouch for (their
		# sidecar, or the '# shard:' line of an older file, says which
		# shard they hold), would
		# break the merge at the end ("cell 2 is also in shards/shard-0.csv"):
		# refuse now, before any work. With no sweep.env, every shard file
		# here is of an unknown sweep (an earlier run, a copied folder).
		stale=()
		for f in shards/shard-*.csv; do
			[[ -e $f ]] || continue
			id=${f#shards/shard-}
			id=${id%.csv}
			if [[ $recorded == 0 ]] || ! [[ $id =~ ^[0-9]+$ ]] || ((10#$id >= SHARDS)) ||
				[[ $(shard_of "$f") != "$((10#$id))/$SHARDS" ]]; then
				stale+=("$f")
			fi
		done
		if ((${#stale[@]})); then
			why="this sweep has $SHARDS shards"
			[[ $recorded == 1 ]] || why="no sweep.env says which sweep they are of"
			refuse "shards/ holds shard files of another sweep ($why): ${stale[*]}; move them away or submit from a new folder"
		fi
		if [[ $recorded == 0 ]]; then
			{
				echo "# The sweep of this run folder, written by docs/slurm-capacity.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)."
				echo "# Every shard of it must use these; the script reads them back."
				echo "SHARDS=$SHARDS"
				echo "SWEEP_ARGS=$(quote "$SWEEP_ARGS")"
				echo "# Resources of each task when submitted (the environment overrides them)."
				echo "CPUS=$CPUS"
				echo "MEMORY=$MEMORY"
				echo "TIME=$TIME"
			} > sweep.env.tmp
			mv sweep.env.tmp sweep.env
		fi
	fi
	mkdir -p shards
	if [[ "${LOCAL:-}" == 1 ]]; then
		# No Slurm: run the shards one after the other, then merge.
		for ((i = 0; i < SHARDS; i++)); do
			SLURM_ARRAY_TASK_ID=$i bash "$0"
		done
		hopfield merge shards/shard-*.csv --out sweep.csv --plot sweep.png
		exit
	fi
	# The tasks read the sweep from sweep.env; CPUS is passed so that a task
	# can tell it got what the sweep asked for (see below). If sbatch refuses
	# the array (resources no node has, say), nothing ran: a sweep.env just
	# written goes too, so that the folder can take another sweep.
	if ! jid=$(sbatch --parsable --array="${RERUN:-0-$((SHARDS - 1))}" \
		--cpus-per-task="$CPUS" --mem="$MEMORY" --time="$TIME" \
		--output='shards/slurm-%A_%a.log' --export=ALL,CPUS="$CPUS" "$0"); then
		[[ $recorded == 1 ]] || rm -f sweep.env
		exit 1
	fi
	sbatch --dependency="afterok:$jid" --job-name=hopfield-merge --output=shards/merge-%j.log \
		--wrap "hopfield merge shards/shard-*.csv --out sweep.csv --plot sweep.png"
	echo "submitted array $jid (tasks ${RERUN:-0-$((SHARDS - 1))} of $SHARDS, $CPUS CPUs, $MEMORY, $TIME each) and its merge job"
	exit
fi

# One task. Submitted by hand (sbatch --array=<id> docs/slurm-capacity.sh),
# it would get the #SBATCH lines' one CPU and ten minutes, and most likely
# be killed at the time limit after ten minutes of work: refuse at once.
if [[ -n "${SLURM_ARRAY_JOB_ID:-}" && "${SLURM_CPUS_PER_TASK:-}" != "$CPUS" ]]; then
	refuse "task $SLURM_ARRAY_TASK_ID was given ${SLURM_CPUS_PER_TASK:-no} CPUs, the sweep asks for $CPUS: submit it with RERUN=$SLURM_ARRAY_TASK_ID bash docs/slurm-capacity.sh"
fi
mkdir -p shards # for a task rerun on its own from a fresh directory
hopfield capacity "${SWEEP[@]}" \
	--shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
	--workers "${SLURM_CPUS_PER_TASK:-0}" \
	--memory-gb "$MEMORY_GB" \
	--out "shards/shard-$SLURM_ARRAY_TASK_ID.csv"
