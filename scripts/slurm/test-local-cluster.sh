#!/usr/bin/env bash
# Tests scripts/slurm/scan-array.sbatch on a real SLURM: a throwaway single-node cluster on this machine.
#
# Installs Debian's slurm-wlm and munge if missing; writes a slurm.conf into a temp folder (this host only,
# ports of its own, state/spool/logs there; /etc/slurm is never read because SLURM_CONF and -f point at it);
# reuses a running system munged or starts one with a key and socket of its own; starts slurmctld and slurmd;
# submits a 4-task array of a small scan; merges the shards; runs the same scan in one process; and checks
# that both give the same points (the CSV exports, sorted, all columns but the wall time). The daemons it
# started are stopped by pid and the temp folder removed on exit, on success or failure.
#
# Environment: SUPERCOOL_BIN (default .build/release/supercool, built if missing),
#   SCAN_TEST_ARGS (default: the 12-point scan below), SLURM_TEST_TIMEOUT (seconds for the array, default 300),
#   SLURM_TEST_IGNORE (awk regex on lower-case column names not compared, default "wall": the wall time),
#   SLURM_TEST_KEEP=1 keeps the temp folder (the daemons are stopped all the same).
# Exit 0 when the merged result equals the single-process one, 1 on any failure (with the reason on stderr).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
SCAN_ARGS_TEST=${SCAN_TEST_ARGS:---v 0.1:10:3:log --lambda 0.006 --g-rel -0.3:-0.01:4}
TIMEOUT=${SLURM_TEST_TIMEOUT:-300}
IGNORE=${SLURM_TEST_IGNORE:-wall}   # columns left out of the comparison: an awk regex on the lower-case header
T0=$(date +%s.%N)

log() { printf 'test-local-cluster: %s\n' "$*" >&2; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f s", b-a}'; }
TMP=""
PIDS=()           # daemons this script started, stopped in reverse order on exit
fail() {
  log "FAILED: $*"
  if [ -n "$TMP" ]; then
    for f in "$TMP"/log/*.log "$TMP"/work/logs/*.out; do
      [ -f "$f" ] && { echo "---- ${f#"$TMP"/} (last lines)" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  exit 1
}

uses_tmp() { # true when process /proc/PID ($1) has its cwd or an open file in the temp folder
  local f
  for f in "$1/cwd" "$1"/fd/*; do
    case $(readlink "$f" 2>/dev/null) in "$TMP" | "$TMP"/*) return 0 ;; esac
  done
  return 1
}
cleanup() {
  local rc=$? pid i
  set +e
  # Cancel what may still run (a failure mid-array), so no job step outlives slurmd.
  if [ -n "${JOBID:-}" ] && [ -n "${SLURM_CONF:-}" ]; then
    scancel "$JOBID" 2>/dev/null
    for _ in $(seq 1 20); do [ -z "$(squeue -h -j "$JOBID" 2>/dev/null)" ] && break; sleep 0.25; done
  fi
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then log "pid $pid did not stop on TERM: killing it"; kill -KILL "$pid" 2>/dev/null; fi
    wait "$pid" 2>/dev/null
  done
  [ ${#PIDS[@]} -gt 0 ] && log "stopped the daemons it started (pids ${PIDS[*]})"
  # Any process still using the temp folder (a job step, a task) is ours: stop it by pid.
  if [ -n "$TMP" ] && [ -d "$TMP" ]; then
    for p in /proc/[0-9]*; do
      pid=${p#/proc/}
      [ "$pid" = $$ ] && continue
      if uses_tmp "$p"; then
        log "stopping leftover process $pid ($(tr '\0' ' ' < "$p/cmdline" 2>/dev/null | cut -c1-80))"
        kill -KILL "$pid" 2>/dev/null
      fi
    done
    if [ "${SLURM_TEST_KEEP:-0}" = 1 ]; then log "kept $TMP"; else rm -rf "$TMP"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- the supercool binary: it must have `scan` (checked before any cluster work)
if [ -n "${SUPERCOOL_BIN:-}" ]; then
  BIN=$SUPERCOOL_BIN
else
  BIN=$REPO/.build/release/supercool
  if [ ! -x "$BIN" ]; then
    log "building $BIN"
    swift build -c release --product supercool >&2 || fail "swift build -c release --product supercool failed"
  fi
fi
case $BIN in /*) ;; *) BIN=$(command -v "$BIN" || echo "$REPO/$BIN") ;; esac
[ -x "$BIN" ] || fail "SUPERCOOL_BIN=$BIN is not an executable"
# (ArgumentParser answers an unknown subcommand's --help with the top-level help, exit 0: look for --shard.)
scan_help=$("$BIN" scan --help 2>&1 || true)
grep -q -- '--shard' <<< "$scan_help" ||
  fail "$BIN has no 'scan' subcommand with --shard ('$BIN scan --help' does not mention it)"

# ---- packages (Debian)
[ "$(id -u)" -eq 0 ] || fail "must run as root (apt-get; slurmd starts the jobs; SlurmUser=root)"
need=()
for c in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge; do
  command -v "${c%%:*}" >/dev/null 2>&1 || need+=("${c#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} (and slurm-wlm)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || fail "apt-get update failed"
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >&2 || fail "apt-get install slurm-wlm munge failed"
fi

# ---- temp folder and configuration
TMP=$(mktemp -d /tmp/supercool-slurm.XXXXXX)
chmod 755 "$TMP"
mkdir -p "$TMP"/{state,spool,log,run,munge,work/logs,work/shards}
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/^MemTotal:/ {printf "%d", $2 / 1024 * 0.9}' /proc/meminfo)
free_port() { # the first port from $1 on that nobody listens on
  local p=$1
  while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
CTLD_PORT=$(free_port 16817)
SLURMD_PORT=$(free_port $((CTLD_PORT + 1)))

# munge: reuse the system's munged when it answers, else one of our own (own key, socket, pid, log).
AUTHINFO=""
if command -v munge >/dev/null && munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  log "reusing the running system munged"
else
  chmod 700 "$TMP/munge"
  dd if=/dev/urandom of="$TMP/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$TMP/munge/munge.key"
  munged --foreground --force --socket="$TMP/munge/munge.socket" --key-file="$TMP/munge/munge.key" \
    --pid-file="$TMP/munge/munged.pid" --seed-file="$TMP/munge/munged.seed" --log-file="$TMP/log/munged.log" \
    > "$TMP/log/munged.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 40); do [ -S "$TMP/munge/munge.socket" ] && break; sleep 0.1; done
  munge -S "$TMP/munge/munge.socket" -n | unmunge -S "$TMP/munge/munge.socket" >/dev/null ||
    fail "our munged does not answer on $TMP/munge/munge.socket"
  AUTHINFO="AuthInfo=socket=$TMP/munge/munge.socket"
fi

: > "$TMP/plugstack.conf"
cat > "$TMP/slurm.conf" <<CONF
# Generated by scripts/slurm/test-local-cluster.sh: a throwaway single-node cluster.
ClusterName=supercooltest
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
$AUTHINFO
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/run/slurmctld.pid
SlurmdPidFile=$TMP/run/slurmd.pid
SlurmctldLogFile=$TMP/log/slurmctld.log
SlurmdLogFile=$TMP/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$TMP/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
# Start the next task as soon as one ends (the default batch_sched_delay holds batch jobs back up to 3 s).
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
ReturnToService=2
MinJobAge=600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$TMP/slurm.conf

# ---- daemons
alive() { # true while every daemon this script started runs
  local pid
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { log "pid $pid is gone"; return 1; }; done
}
T1=$(date +%s.%N)
slurmctld -D -i -f "$SLURM_CONF" > "$TMP/log/slurmctld.out" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" > "$TMP/log/slurmd.out" 2>&1 &
PIDS+=($!)
idle=""
for _ in $(seq 1 120); do
  alive || fail "a daemon exited during start-up"
  state=$(sinfo -h -n "$HOST" -o '%T' 2>/dev/null || true)
  [ "$state" = idle ] && { idle=1; break; }
  sleep 0.25
done
[ -n "$idle" ] || fail "the node did not become idle in 30 s (sinfo: ${state:-no answer})"
log "cluster up in $(since "$T1") (slurmctld pid ${PIDS[-2]}, slurmd pid ${PIDS[-1]}, ports $CTLD_PORT/$SLURMD_PORT)"

# ---- the array: 4 shards of the scan
WORK=$TMP/work
T2=$(date +%s.%N)
read -r -a scan_args <<< "$SCAN_ARGS_TEST"
JOBID=$(SUPERCOOL_BIN=$BIN OUTDIR=$WORK/shards sbatch --parsable --array=0-3 --chdir="$WORK" \
  --output="$WORK/logs/%A_%a.out" --mem=100M --time=10:00 --cpus-per-task=$((CPUS < 2 ? CPUS : 2)) \
  "$REPO/scripts/slurm/scan-array.sbatch" "${scan_args[@]}") || fail "sbatch failed"
JOBID=${JOBID%%;*}
log "submitted array job $JOBID"
deadline=$(( $(date +%s) + TIMEOUT ))
while [ -n "$(squeue -h -j "$JOBID" 2>/dev/null)" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "array job $JOBID not finished after $TIMEOUT s"
  alive || fail "a daemon died while the array ran"
  sleep 0.25
done
for i in 0 1 2 3; do
  out=$WORK/logs/${JOBID}_$i.out
  [ -f "$out" ] || fail "task $i wrote no log ($out)"
  last=$(tail -n 1 "$out")
  [ "$last" = "scan-array: shard $i/4 exit 0" ] || fail "task $i did not succeed: '$last' (log $out)"
  [ -f "$WORK/shards/shard-$i.sqlite" ] || fail "task $i made no shard-$i.sqlite"
  state=$(scontrol show job -o "${JOBID}_$i" 2>/dev/null | grep -o 'JobState=[A-Z]*' || true)
  [ "$state" = JobState=COMPLETED ] || fail "task $i: ${state:-no JobState from scontrol}"
done
log "array of 4 tasks done in $(since "$T2")"

# ---- merge, single-process run, compare
"$BIN" scan merge --db "$WORK/merged.sqlite" "$WORK"/shards/shard-*.sqlite >&2 || fail "scan merge failed"
"$BIN" scan --db "$WORK/single.sqlite" "${scan_args[@]}" >&2 || fail "the single-process scan failed"
"$BIN" scan export --db "$WORK/merged.sqlite" --format csv > "$WORK/merged.csv" || fail "export of merged.sqlite failed"
"$BIN" scan export --db "$WORK/single.sqlite" --format csv > "$WORK/single.csv" || fail "export of single.sqlite failed"
# Drop the columns matching $IGNORE (the wall time), keep the header first, sort the rows.
physics() {
  awk -F, -v ignore="$IGNORE" 'NR == 1 { for (i = 1; i <= NF; i++) if (tolower($i) !~ ignore) keep[++n] = i }
           { line = ""; for (j = 1; j <= n; j++) line = line (j > 1 ? "," : "") $keep[j];
             if (NR == 1) print "0\t" line; else print "1\t" line }' "$1" | LC_ALL=C sort | cut -f2-
}
physics "$WORK/merged.csv" > "$WORK/merged.cmp"
physics "$WORK/single.csv" > "$WORK/single.cmp"
rows=$(($(wc -l < "$WORK/single.cmp") - 1))
[ "$rows" -gt 0 ] || fail "the single-process export has no points"
if ! diff -u "$WORK/single.cmp" "$WORK/merged.cmp" > "$WORK/diff.txt"; then
  head -n 40 "$WORK/diff.txt" >&2
  fail "merged SLURM result differs from the single-process run (diff above: - single, + merged)"
fi
log "merged result == single-process result: $rows points, $(head -n 1 "$WORK/single.cmp" | tr ',' '\n' | wc -l) columns compared"
log "passed in $(since "$T0")"
