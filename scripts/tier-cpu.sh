#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DAMON_TIER's kdamond CPU once the main job's workload has converged, under
# several monitoring attributes applied through commit_inputs in one boot.
# For each setting, it waits 8 s, counts the damon_aggregated events of 4 s
# (regions times aggregations) and measures the kdamond's CPU time over the
# next 20 s.  Prints a line per setting, also written to $DT_OUT/cpu.txt.
#
#   DT_VM_APPEND="damon_tier.enabled=Y" ./run vm scripts/tier-cpu.sh \
#       build/bin/hotcold
set -u
hotcold=$1
p=/sys/module/damon_tier/parameters
echo 0 > /proc/sys/kernel/numa_balancing
echo -1 > /proc/sys/kernel/perf_event_paranoid
"$hotcold" --hot 512 --cold 1536 --hot-node 1 --cold-node 0 --seconds 400 \
	> "$DT_OUT/workload.txt" 2>&1 &
wl=$!
sleep 70
pid=$(cat $p/kdamond_pid)
ticks() { awk '{ print $14 + $15 }' /proc/$pid/stat; }
uptime_cs() { awk '{ printf "%.0f\n", $1 * 100 }' /proc/uptime; }
measure() {
	local t0 u0 t1 u1 n
	sleep 8
	n=$(perf stat -x, -e damon:damon_aggregated -a -- sleep 4 2>&1 |
		awk -F, '/damon_aggregated/ { print $1 }')
	t0=$(ticks) u0=$(uptime_cs)
	sleep 20
	t1=$(ticks) u1=$(uptime_cs)
	awk -v s="$1" -v n="$n" -v a="$(cat $p/aggr_interval)" \
		-v t=$((t1 - t0)) -v u=$((u1 - u0)) 'BEGIN {
		printf "%s: %.0f regions, kdamond CPU %.2f%%\n", s,
			n / (4000000 / a), 100 * t / u }' | tee -a "$DT_OUT/cpu.txt"
}
measure "5 ms / 100 ms, 1000 regions (defaults)"
for s in "5000 100000 200" "5000 100000 50" "20000 400000 1000"; do
	set -- $s
	echo "$1" > $p/sample_interval
	echo "$2" > $p/aggr_interval
	echo "$3" > $p/max_nr_regions
	echo Y > $p/commit_inputs || echo "commit_inputs failed"
	measure "$(($1 / 1000)) ms / $(($2 / 1000)) ms, $3 regions"
done
kill $wl
