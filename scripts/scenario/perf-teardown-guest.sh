#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the perf-teardown scenario (scripts/test/scenario.sh): the
# counters of a context are torn down while their overflow handlers run.
# Software minor-fault events, period 1, run their handlers in the faulting
# task with interrupts enabled, and perf does not wait for them when it
# releases a counter; a four-thread workload keeps them busy on every CPU.
# Each cycle turns a context on, waits 0 to 20 ms, commits another period
# (the counters are swapped), commits no event with page table checks (the
# rings are freed), and turns it off.  Odd cycles use a vaddr context on the
# workload, even ones a paddr context on node 0.  The workload runs niced, so
# that it fills every moment the cycles leave idle without slowing them, and
# the cycles wait without forking.
#
#   perf-teardown-guest.sh FAULTER CYCLES
#
# Writes KEY=VALUE lines to $DT_OUT/teardown.txt and the failures to
# $DT_OUT/teardown-log.txt.
set -uo pipefail
faulter=$1
cycles=$2
. "$(dirname "$0")/perf-lib.sh"
res=$DT_OUT/teardown.txt
log=$DT_OUT/teardown-log.txt
: > "$res"
: > "$log"

read -r node0_start node0_end < <(node0_span)

# setup OPS: one context sampling minor faults, period 1
setup() {
	local e=$s/perf_events/0
	echo "$1" > "$c/operations"
	echo N > "$s/primitives/page_table"
	echo 1 > "$s/perf_events/nr_perf_events"
	echo 1 > "$e/type"
	echo 5 > "$e/config"
	echo 0 > "$e/freq"
	echo 1 > "$e/sample_period"
	echo 0 > "$e/precise_ip"
	echo 1 > "$c/targets/nr_targets"
	if [ "$1" = vaddr ]; then
		echo 0 > "$e/sample_phys_addr"
		echo "$wl" > "$c/targets/0/pid_target"
		echo 0 > "$c/targets/0/regions/nr_regions"
	else
		echo 1 > "$e/sample_phys_addr"
		echo 1 > "$c/targets/0/regions/nr_regions"
		echo "$node0_start" > "$c/targets/0/regions/0/start"
		echo "$node0_end" > "$c/targets/0/regions/0/end"
	fi
}

# cmd WHAT: write WHAT to the state file; log a failure
cmd() {
	echo "$1" > "$k/state" 2>> "$log" || {
		echo "cycle $i: $1 failed" >> "$log"
		failed=$((failed + 1))
	}
}

echo 0 > /proc/sys/kernel/numa_balancing
nice -n 19 "$faulter" 16 100000 4 > "$DT_OUT/faulter.txt" &
wl=$!
while ! grep -q pid= "$DT_OUT/faulter.txt"; do sleep 0.2; done

echo 1 > "$admin/kdamonds/nr_kdamonds"
echo 1 > "$k/contexts/nr_contexts"
# read from a pipe that never has data: a wait without a fork
exec {idle}< <(sleep infinity)
idler=$!
failed=0
start=$(date +%s)
for i in $(seq "$cycles"); do
	if [ $((i % 2)) = 1 ]; then setup vaddr; else setup paddr; fi
	cmd on
	printf -v pause '0.%03d' $((RANDOM % 21))
	read -r -t "$pause" -u "$idle" _
	echo 2 > "$s/perf_events/0/sample_period"
	cmd commit
	echo 0 > "$s/perf_events/nr_perf_events"
	echo Y > "$s/primitives/page_table"
	cmd commit
	cmd off
	[ $((i % 100)) = 0 ] && echo "cycle $i, $(($(date +%s) - start)) s" >> "$log"
done
result cycles "$i"
result failed_commands $failed
result seconds $(($(date +%s) - start))
# the workload's minor faults (field 10), each a sample while a context was on
result workload_faults "$(awk '{ print $10 }' "/proc/$wl/stat")"
kill $wl $idler 2>/dev/null || true
wait $wl 2>/dev/null || true
kmemleak_result
