#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: the cost and the error of the node eligible memory accounting
# (damos_calc_eligible_bytes()) against the exact folio walk that 7.3 does
# at every evaluation, side by side in one guest.  Fills the guest's memory
# with a workload, then runs the damon-eligible KUnit suite through debugfs:
# it times both on the first 1, 4 and 8 GiB of physical memory and prints
# the eligible bytes each counted per node.
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
printf '%-10s %-5s %14s %14s %10s %10s %8s %8s %8s\n' monitored node "walk bytes" "estim. bytes" "walk us" "estim. us" ratio "err bp" "fill bp"
sed -n 's/.*monitored \([0-9]*\) MiB node \([0-9]*\): walk \([0-9]*\)\/[0-9]* bytes in \([0-9]*\) us, estimate \([0-9]*\)\/[0-9]* bytes in \([0-9]*\) us, error \(-*[0-9]*\) bp (ratio) \(-*[0-9]*\) bp (fill).*/\1 \2 \3 \5 \4 \6 \7 \8/p' \
	"$out/results.txt" | while read -r mon nid wb eb wus eus err ferr; do
	printf '%-10s %-5s %14s %14s %10s %10s %8s %8s %8s\n' "${mon}M" "$nid" "$wb" "$eb" "$wus" "$eus" \
		"$(awk -v w="$wus" -v e="$eus" 'BEGIN { printf "%.0fx", e ? w / e : 0 }')" "$err" "$ferr"
done
grep -E "^\s*(ok|not ok) " "$out/results.txt" | tail -1
