#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the perf-accounting scenario (scripts/test/scenario.sh):
# every sample of a perf event is accounted for once.
#
#   1. A monitored workload (tools/faulter.c: a dense 8 MiB range, every
#      page faulted in each pass, and a sparse 512 MiB one, one page in 64,
#      with a 500 ms pause after each pass) and an unmonitored one that
#      pauses 10 ms, and so faults several times as often, run on the same
#      CPUs.  A vaddr context samples every software page fault of the
#      machine; the unmonitored process's samples must be filtered, not
#      counted as unmatched.
#   2. With a 2 s sampling interval, the monitored workload overflows the
#      per-CPU rings: drops must be counted.
#   3. 100 cycles of pause and resume at a 20 ms sampling interval: while
#      paused, nr_samples must equal the sum of the outcome counters every
#      time, and nothing may be counted.
#   4. The dense range, whose pages are all faulted in each pass, must have
#      a higher nr_accesses per byte than the sparse one, whose regions get
#      as many samples but have 64 times the pages: with samples, and then
#      with page table checks alone, for reference.
#
#   perf-accounting-guest.sh FAULTER
#
# Writes KEY=VALUE lines to $DT_OUT/accounting.txt and the statistics of
# each step to $DT_OUT/accounting-log.txt.
set -euo pipefail
faulter=$1
. "$(dirname "$0")/perf-lib.sh"
res=$DT_OUT/accounting.txt
log=$DT_OUT/accounting-log.txt
outcomes="nr_matched nr_unmatched nr_invalid nr_filtered nr_dropped nr_busy nr_discarded"
: > "$res"
: > "$log"

# The pause cycles fork nothing: with every page fault sampled, forks are
# slow on the debug kernel, and the cycles must fit the VM's time limit.
exec {idle}< <(sleep infinity)
idler=$!
# nap SECONDS
nap() { read -r -t "$1" -u "$idle" _ || true; }

# stats: every stats file, freshly updated, into ST ("NAME=VALUE ...") and
# the array S
declare -A S
stats() {
	local f v
	echo update_schemes_stats > "$k/state"
	ST=
	for f in "$s"/stats/*; do
		read -r v < "$f"
		S[${f##*/}]=$v
		ST+="${f##*/}=$v "
	done
}

# outcomes_sum: the sum of the outcome counters in S, into SUM
outcomes_sum() {
	local f
	SUM=0
	for f in $outcomes; do
		SUM=$((SUM + S[$f]))
	done
}

intervals() {
	echo "$1" > "$c/monitoring_attrs/intervals/sample_us"
	echo "$2" > "$c/monitoring_attrs/intervals/aggr_us"
}

echo 0 > /proc/sys/kernel/numa_balancing

"$faulter" 8 3600 1 500000 512 > "$DT_OUT/monitored.txt" &
mon=$!
"$faulter" 8 3600 1 10000 > "$DT_OUT/unmonitored.txt" &
unmon=$!
for f in monitored unmonitored; do
	while ! grep -q pid= "$DT_OUT/$f.txt"; do sleep 0.2; done
done

echo 1 > "$admin/kdamonds/nr_kdamonds"
echo 1 > "$k/contexts/nr_contexts"
echo vaddr > "$c/operations"
intervals 2000000 20000000
# regions no larger than about 4 MiB, so that the page table checks, one page
# a region, tell the dense range from the sparse one that it borders
echo 1000 > "$c/monitoring_attrs/nr_regions/max"
echo 200 > "$c/monitoring_attrs/nr_regions/min"
echo N > "$s/primitives/page_table"
echo 1 > "$s/perf_events/nr_perf_events"
e=$s/perf_events/0
echo 1 > "$e/type"
echo 2 > "$e/config"
echo 0 > "$e/freq"
echo 1 > "$e/sample_period"
echo 0 > "$e/precise_ip"
echo 0 > "$e/sample_phys_addr"
echo 1 > "$c/targets/nr_targets"
echo $mon > "$c/targets/0/pid_target"
# a stat scheme that tries every region, for their nr_accesses
echo 1 > "$c/schemes/nr_schemes"
echo stat > "$c/schemes/0/action"
echo 4294967295 > "$c/schemes/0/access_pattern/nr_accesses/max"
echo 18446744073709551615 > "$c/schemes/0/access_pattern/sz/max"
echo 4294967295 > "$c/schemes/0/access_pattern/age/max"
echo on > "$k/state"

# 2. overflow
sleep 8
stats
echo "overflow: $ST" >> "$log"
result overflow_dropped "${S[nr_dropped]}"

# 3. pause and resume
intervals 20000 400000
echo commit > "$k/state"
mismatches=0 counted_while_paused=0
for ((i = 1; i <= 100; i++)); do
	echo Y > "$c/pause"
	echo commit > "$k/state"
	stats
	echo "paused $i: $ST" >> "$log"
	outcomes_sum
	if [ "${S[nr_samples]}" != "$SUM" ]; then
		mismatches=$((mismatches + 1))
		echo "  mismatch: nr_samples ${S[nr_samples]}, outcomes $SUM" >> "$log"
	fi
	if [ $((i % 10)) = 0 ]; then
		st=$ST
		nap 0.3
		stats
		[ "$ST" = "$st" ] || counted_while_paused=$((counted_while_paused + 1))
	fi
	echo N > "$c/pause"
	echo commit > "$k/state"
	nap 0.1
done
result pause_cycles $((i - 1))
result identity_mismatches $mismatches
result counted_while_paused $counted_while_paused

# 4. dense and sparse
read -r _ _ sp _ < "$DT_OUT/monitored.txt"
read -r de _ < "$DT_OUT/monitored.txt"
de=${de#touched=} sp=${sp#sparse=}

# density START END: the mean nr_accesses of [START, END), in thousandths,
# over the regions that the stat scheme tried last, into DENSITY; NR_TRIED
# is the number of those regions
density() {
	local d sum=0 rs re na lo hi
	NR_TRIED=0
	for d in "$c"/schemes/0/tried_regions/[0-9]*; do
		[ -d "$d" ] || continue
		NR_TRIED=$((NR_TRIED + 1))
		read -r rs < "$d/start"
		read -r re < "$d/end"
		read -r na < "$d/nr_accesses"
		lo=$((rs > $1 ? rs : $1)) hi=$((re < $2 ? re : $2))
		[ $hi -le $lo ] || sum=$((sum + (hi - lo) * na))
	done
	DENSITY=$((sum * 1000 / ($2 - $1)))
}

# rank WHAT: the densities of the dense and sparse ranges over three
# aggregations, summed
rank() {
	local i dense=0 sparse=0
	for i in 1 2 3; do
		# waits for the next aggregation
		echo update_schemes_tried_regions > "$k/state"
		density "${de%-*}" "${de#*-}"
		dense=$((dense + DENSITY))
		density "${sp%-*}" "${sp#*-}"
		sparse=$((sparse + DENSITY))
		echo "$1 $i: $NR_TRIED regions tried" >> "$log"
	done
	echo "$1: dense $dense, sparse $sparse" >> "$log"
	result "${1}_dense" $dense
	result "${1}_sparse" $sparse
}

intervals 20000 2000000
echo N > "$c/pause"
echo commit > "$k/state"
sleep 4
rank samples

echo Y > "$c/pause"
echo commit > "$k/state"
stats
echo "final: $ST" >> "$log"
for f in nr_samples $outcomes; do
	result "$f" "${S[$f]}"
done

echo 0 > "$s/perf_events/nr_perf_events"
echo Y > "$s/primitives/page_table"
# The workload's pages are mapped only from their fault to the next
# MADV_DONTNEED, a small part of each pass: three times as many checks an
# aggregation as at 20 ms, so that they find the dense range accessed often
intervals 7000 2100000
echo N > "$c/pause"
echo commit > "$k/state"
sleep 4
rank page_table
echo off > "$k/state"
kill $mon $unmon $idler 2>/dev/null || true
wait 2>/dev/null || true
