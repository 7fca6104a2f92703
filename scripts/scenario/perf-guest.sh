#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the perf event sampling scenario (scripts/test/scenario.sh).
# There is no PEBS or IBS under QEMU: software page fault events, whose
# samples carry the faulting address, take their place.
#
#   1. vaddr: a workload (tools/faulter.c) faults in one range and never
#      touches another; a vaddr context sampling its page faults (every
#      fourth) must see accesses in the first and none in the second.
#   2. CPU hotplug: 200 offline/online cycles of CPU 1 while the context
#      runs at a 50 ms sampling interval.  In each, the workload is stopped
#      while CPU 1 is offline, then pinned to it and resumed, and must be
#      sampled within 100 ms (two sampling intervals).
#   3. paddr: a paddr context sampling minor faults with physical addresses
#      must see accessed regions.
#   4. off, then on again: the counters were released, so a new context can
#      take them.
#   5. page table checks and samples together: a vaddr context with both
#      must see the faulted range accessed, match samples, and see nothing
#      of the untouched range.
#
#   perf-guest.sh FAULTER [SLOW]
#
# SLOW (1 unless given) stretches the aggregation interval and the waits, for
# kernels that fault more slowly (the debug kernel): a region is seen accessed
# with the chance of its faulted pages over its pages in each sampling
# interval, so an aggregation interval must span several passes of the
# workload over its range.
#
# Writes KEY=VALUE lines to $DT_OUT/perf.txt and the context's state at each
# step to $DT_OUT/perf-log.txt.
set -euo pipefail
faulter=$1
slow=${2:-1}
. "$(dirname "$0")/perf-lib.sh"
res=$DT_OUT/perf.txt
log=$DT_OUT/perf-log.txt
: > "$res"
: > "$log"

# setup OPS CONFIG PHYS [PID [PAGE_TABLE]]: one context sampling software
# event CONFIG (2: page faults, 5: minor faults) every fourth time, and
# checking the page table too if PAGE_TABLE is Y, with a stat scheme for the
# regions accessed in the last aggregation interval
setup() {
	echo 1 > "$admin/kdamonds/nr_kdamonds"
	echo 1 > "$k/contexts/nr_contexts"
	echo "$1" > "$c/operations"
	# long enough for several passes of the workload over its range
	echo $((1000000 * slow)) > "$c/monitoring_attrs/intervals/aggr_us"
	local e
	echo "${5:-N}" > "$s/primitives/page_table"
	echo 1 > "$s/perf_events/nr_perf_events"
	e=$s/perf_events/0
	echo 1 > "$e/type"
	echo "$2" > "$e/config"
	echo 0 > "$e/freq"
	echo 4 > "$e/sample_period"
	echo 0 > "$e/precise_ip"
	echo "$3" > "$e/sample_phys_addr"
	echo 0 > "$c/targets/nr_targets"
	echo 1 > "$c/targets/nr_targets"
	if [ "$1" = vaddr ]; then
		echo "$4" > "$c/targets/0/pid_target"
		echo 10 > "$c/monitoring_attrs/nr_regions/min"
	else
		# node 0, where the workload's memory is, from /proc/zoneinfo
		local start end
		read -r start end < <(node0_span)
		echo 1 > "$c/targets/0/regions/nr_regions"
		echo "$start" > "$c/targets/0/regions/0/start"
		echo "$end" > "$c/targets/0/regions/0/end"
		# a region is accessed with the chance of its faulted pages over
		# its pages: 1000 regions of node 0 make about one in 16 of them
		# accessed per pass of the workload, rather than about none
		echo 1000 > "$c/monitoring_attrs/nr_regions/max"
		echo 1000 > "$c/monitoring_attrs/nr_regions/min"
	fi
	echo 1 > "$c/schemes/nr_schemes"
	echo stat > "$c/schemes/0/action"
	echo 1 > "$c/schemes/0/access_pattern/nr_accesses/min"
	echo 4294967295 > "$c/schemes/0/access_pattern/nr_accesses/max"
	echo 18446744073709551615 > "$c/schemes/0/access_pattern/sz/max"
	echo 4294967295 > "$c/schemes/0/access_pattern/age/max"
}

sstat() { cat "$c/monitoring_attrs/sample/stats/$1"; }

# start_faulter FILE SECONDS: start the workload on 64 MiB and wait for its
# ranges; sets wl to its pid, [t0, t1) to the faulted range and [u0, u1) to
# the untouched one
start_faulter() {
	"$faulter" 64 "$2" > "$DT_OUT/$1" &
	wl=$!
	while ! grep -q pid= "$DT_OUT/$1"; do sleep 0.2; done
	local t u
	read -r t u _ < "$DT_OUT/$1"
	t=${t#touched=} u=${u#untouched=}
	t0=${t%-*} t1=${t#*-} u0=${u%-*} u1=${u#*-}
}

# accessed_bytes START END: bytes of [START, END) in regions that the stat
# scheme tried, i.e. accessed in the last aggregation interval
accessed_bytes() {
	echo update_schemes_tried_regions > "$k/state"
	local d sum=0 rs re lo hi
	for d in "$c"/schemes/0/tried_regions/[0-9]*; do
		[ -d "$d" ] || continue
		rs=$(cat "$d/start") re=$(cat "$d/end")
		lo=$((rs > $1 ? rs : $1)) hi=$((re < $2 ? re : $2))
		[ $hi -gt $lo ] && sum=$((sum + hi - lo))
	done
	echo $sum
}

log_state() {
	echo update_schemes_stats > "$k/state"
	{
		echo "== $1"
		grep . "$c"/monitoring_attrs/sample/stats/* || true
		grep . "$c"/schemes/0/tried_regions/*/{start,end,nr_accesses} 2>/dev/null | head -60 || true
	} >> "$log"
}

echo 0 > /proc/sys/kernel/numa_balancing

# 1. vaddr
start_faulter faulter.txt 1200
setup vaddr 2 0 $wl
echo on > "$k/state"
sleep $((8 * slow))
log_state vaddr
ta=$(accessed_bytes "$t0" "$t1")
ua=$(accessed_bytes "$u0" "$u1")
result vaddr_touched_accessed_pct $((ta * 100 / (t1 - t0)))
result vaddr_untouched_accessed_bytes "$ua"
echo update_schemes_stats > "$k/state"
result vaddr_samples "$(sstat nr_samples)"
result vaddr_dropped "$(sstat nr_dropped)"
result vaddr_invalid "$(sstat nr_invalid)"
result vaddr_unmatched "$(sstat nr_unmatched)"

# 2. CPU hotplug while sampling, with the workload on CPU 1
echo 50000 > "$c/monitoring_attrs/intervals/sample_us"
echo commit > "$k/state"
matched() {
	echo update_schemes_stats > "$k/state"
	sstat nr_matched
}
cycles=0 sampled=0
if [ -w /sys/devices/system/cpu/cpu1/online ]; then
	for i in $(seq 200); do
		kill -STOP $wl
		echo 0 > /sys/devices/system/cpu/cpu1/online
		echo 1 > /sys/devices/system/cpu/cpu1/online
		taskset -a -p -c 1 $wl > /dev/null
		before=$(matched)
		kill -CONT $wl
		sleep 0.1
		kill -STOP $wl
		after=$(matched)
		kill -CONT $wl
		cycles=$i
		if [ "$after" -gt "$before" ]; then
			sampled=$((sampled + 1))
		else
			echo "cycle $i: no sample from CPU 1 ($before matched before, $after after)" >> "$log"
		fi
	done
fi
result hotplug_cycles $cycles
result hotplug_sampled_cycles $sampled
log_state hotplug
echo off > "$k/state"
kill $wl 2>/dev/null || true
wait $wl 2>/dev/null || true

# 3. paddr, minor faults with physical addresses
start_faulter faulter3.txt 300
setup paddr 5 1
echo on > "$k/state"
sleep $((8 * slow))
log_state paddr
echo update_schemes_tried_regions > "$k/state"
result paddr_accessed_regions "$(ls -d "$c"/schemes/0/tried_regions/[0-9]* 2>/dev/null | wc -l)"
echo update_schemes_stats > "$k/state"
result paddr_samples "$(sstat nr_samples)"
result paddr_invalid "$(sstat nr_invalid)"
result paddr_unmatched "$(sstat nr_unmatched)"
echo off > "$k/state"

# 4. on again after off
if echo on > "$k/state" 2>/dev/null; then
	result restart ok
	echo off > "$k/state"
else
	result restart failed
fi
kill $wl 2>/dev/null || true
wait $wl 2>/dev/null || true

# 5. page table checks and samples
start_faulter faulter5.txt 300
setup vaddr 2 0 $wl Y
echo on > "$k/state"
sleep $((8 * slow))
log_state mixed
result mixed_touched_accessed_pct $(($(accessed_bytes "$t0" "$t1") * 100 / (t1 - t0)))
result mixed_untouched_accessed_bytes "$(accessed_bytes "$u0" "$u1")"
echo update_schemes_stats > "$k/state"
result mixed_matched "$(sstat nr_matched)"
echo off > "$k/state"
kill $wl 2>/dev/null || true
wait $wl 2>/dev/null || true
kmemleak_result
