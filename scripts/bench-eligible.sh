#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: the cost and the error of the node eligible memory accounting
# (damos_calc_eligible_bytes()) against the exact folio walk that 7.3 does
# at every evaluation, side by side in one guest.  Fills the guest's memory
# with a workload, then runs the damon-eligible KUnit suite through debugfs:
# it times both on the first 1, 4 and 8 GiB of physical memory and on all of
# it, with every region and every other region eligible, and prints the
# evaluations (of 100) within 100 bp of the walk and the worst error.
#
#   ./run bench-eligible    DT_VM_FAST_MEM=4G DT_VM_SLOW_MEM=6G by default;
#                           DT_BENCH_FILL_MIB=8192: the workload's memory;
#                           DT_BENCH_THP=1: the workload's memory in
#                           transparent huge pages
. "$(dirname "$0")/lib.sh"

export DT_VM_FAST_MEM=${DT_VM_FAST_MEM:-4G} DT_VM_SLOW_MEM=${DT_VM_SLOW_MEM:-6G}
fill=${DT_BENCH_FILL_MIB:-8192}
mkdir -p "$DT_BUILD/bin"
gcc -O2 -Wall -o "$DT_BUILD/bin/hotcold" "$DT_TOP/tools/hotcold.c"
DT_VM_QUIET=1 DT_VM_APPEND="kunit.enable=1 kunit.autorun=0 kunit.filter_glob=damon-eligible ${DT_VM_APPEND:-}" \
	"$DT_TOP/scripts/vm.sh" bash -c '
		"$0" --hot 64 --cold "$1" --seconds 600 $2 > "$DT_OUT/hotcold.txt" 2>&1 &
		wl=$!
		# wait until the workload has populated its memory
		for i in $(seq 600); do
			grep -q "^hot" "$DT_OUT/hotcold.txt" 2>/dev/null && break
			sleep 1
		done
		{ free -m; grep AnonHugePages /proc/meminfo; } > "$DT_OUT/free.txt"
		echo 1 > /sys/kernel/debug/kunit/damon-eligible/run
		cat /sys/kernel/debug/kunit/damon-eligible/results > "$DT_OUT/results.txt"
		dmesg > "$DT_OUT/dmesg.txt"
		kill $wl' "$DT_BUILD/bin/hotcold" "$fill" "${DT_BENCH_THP:+--thp}" || dt_die "the benchmark guest failed"
out=$DT_BUILD/vm/last
cat "$out/free.txt"
echo
printf '%-28s %-5s %10s %10s %8s %8s %8s %8s\n' context node "walk us" "estim. us" ratio "in 100bp" "worst bp" "rms bp"
sed -n 's/.*# damos_test_eligible_bytes_accuracy: \(.*\) node \([0-9]*\): walk [0-9]*\/[0-9]* bytes in \([0-9]*\) us, estimate in \([0-9]*\) us ([0-9]* bytes sampled), \([0-9]*\) of [0-9]* within 100 bp, worst \(-*[0-9]*\) bp (ratio) \(-*[0-9]*\) bp (fill), rms \([0-9]*\) bp.*/\1|\2|\3|\4|\5|\6|\7|\8/p' \
	"$out/results.txt" | while IFS='|' read -r what nid wus eus good rerr ferr rms; do
	printf '%-28s %-5s %10s %10s %8s %8s %8s %8s\n' "${what#monitored }" "$nid" "$wus" "$eus" \
		"$(awk -v w="$wus" -v e="$eus" 'BEGIN { printf "%.0fx", e ? w / e : 0 }')" "$((good / 2))%" \
		"$(awk -v a="$rerr" -v b="$ferr" 'BEGIN { a = a < 0 ? -a : a; b = b < 0 ? -b : b; print (a > b ? a : b) }')" "$rms"
done
grep -E "^\s*(ok|not ok) " "$out/results.txt" | tail -1
