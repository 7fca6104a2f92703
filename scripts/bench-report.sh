#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: the sampled access report path (mm/damon/report.c), side by side
# in one guest, through the damon-report-bench KUnit suite:
#   - queueing a report in the per-CPU ring against queueing it in a
#     mutex-protected list, with preallocated and with allocated nodes,
#     per report of the fastest of 32 batches of 2048 (a busy host slows
#     some batches of a TCG guest, not all);
#   - draining and matching reports to regions at 10 and at 10,000 regions:
#     the cost per report, from the fastest of 64 intervals of 1024 reports
#     against the fastest of 64 of
#     none, and the fixed cost per interval, with the regions unchanged (the
#     snapshot of the regions is kept) and changed before every interval (it
#     is taken again).
# Prints the figures and the ratios; every report must be counted (the
# suite fails otherwise).
#
#   ./run bench-report
. "$(dirname "$0")/lib.sh"

DT_VM_QUIET=1 DT_VM_APPEND="kunit.enable=1 kunit.filter_glob=damon-report-bench loglevel=7 ${DT_VM_APPEND:-}" \
	"$DT_TOP/scripts/vm.sh" true || dt_die "the benchmark guest failed"
log=$DT_BUILD/vm/last/console.log
push=$(sed -n 's/.*push: ring \([0-9]*\) ps, mutex list \([0-9]*\) ps (nodes preallocated) \([0-9]*\) ps (nodes allocated).*/\1 \2 \3/p' "$log")
drain=$(sed -n 's/.*drain and match: \([0-9]*\) regions, \([0-9]*\) ns per report, \([0-9]*\) ns per interval, \([0-9]*\) ns per interval with changed regions.*/\1 \2 \3 \4/p' "$log")
[ -n "$push" ] && [ -n "$drain" ] || dt_die "no benchmark output in $log"
read -r ring pool alloc <<<"$push"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b ? a / b : 0 }'; }
echo "queueing one report (ns):"
printf '  %-34s %8s\n' "per-CPU ring" "$(ratio "$ring" 1000)"
printf '  %-34s %8s  (%sx the ring)\n' "mutex list, preallocated nodes" "$(ratio "$pool" 1000)" "$(ratio "$pool" "$ring")"
printf '  %-34s %8s  (%sx the ring)\n' "mutex list, allocated nodes" "$(ratio "$alloc" 1000)" "$(ratio "$alloc" "$ring")"
echo "draining and matching (ns): per report, and per sampling interval with the regions unchanged and changed"
first=
while read -r nr ns fixed changed; do
	[ -n "$first" ] || first=$ns
	printf '  %6s regions %8s per report (%sx 10 regions) %10s per interval, %10s changed (%sx)\n' \
		"$nr" "$ns" "$(ratio "$ns" "$first")" "$fixed" "$changed" "$(ratio "$changed" "$fixed")"
done <<<"$drain"
if grep -q 'not ok .* damon-report-bench' "$log"; then
	dt_die "the suite failed (a report was lost or miscounted): $log"
fi
