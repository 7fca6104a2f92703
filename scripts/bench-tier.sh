#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Tiering benchmark (issue 4, COMPASS P3): the main job's workload on the
# same VM under no tiering, NUMA balancing's tiering mode, the DAMON mtier
# sample and DAMON_TIER with its defaults, one boot each, side by side.
# Prints a markdown table (time to 90 % and 95 % of the hot set in the
# fast node, share at the end, bytes migrated against the least needed,
# kdamond CPU) and writes build/bench-tier/{table.md,tiering.png}.
#
#   scripts/bench-tier.sh [MODE...]   default: none numab mtier damon_tier
#                                     damon_tier-autotune
# damon_tier-autotune is DAMON_TIER with autotune_monitoring_intervals=Y.
#   DT_BENCH_SECONDS=90               how long each mode runs
#   DT_BENCH_TIER_PARAMS="..."        more damon_tier.* words for the
#                                     kernel command line of the DAMON_TIER
#                                     modes, to compare settings
#   DT_BENCH_TAG=NAME                 write build/bench-tier-NAME instead
. "$(dirname "$0")/lib.sh"

seconds=${DT_BENCH_SECONDS:-90}
modes=("$@")
[ ${#modes[@]} -gt 0 ] || modes=(none numab mtier damon_tier damon_tier-autotune)
out=$DT_BUILD/bench-tier${DT_BENCH_TAG:+-$DT_BENCH_TAG}
mkdir -p "$out" "$DT_BUILD/bin"
gcc -O2 -Wall -o "$DT_BUILD/bin/hotcold" "$DT_TOP/tools/hotcold.c"
for mode in "${modes[@]}"; do
	append= guest_mode=$mode
	case $mode in
	damon_tier) append="damon_tier.enabled=Y" ;;
	damon_tier-autotune)
		append="damon_tier.enabled=Y damon_tier.autotune_monitoring_intervals=Y"
		guest_mode=damon_tier ;;
	esac
	case $mode in damon_tier*) append+=" ${DT_BENCH_TIER_PARAMS:-}" ;; esac
	dt_log "benchmark: $mode, $seconds s"
	DT_VM_QUIET=1 DT_VM_APPEND="$append" "$DT_TOP/scripts/vm.sh" \
		"$DT_TOP/scripts/tier-guest.sh" "$DT_BUILD/bin/hotcold" "$guest_mode" "$seconds" 512 1536 \
		> /dev/null || dt_die "$mode: the guest failed; $DT_BUILD/vm/last/console.log"
	rm -rf "${out:?}/$mode"
	cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$mode"
	sed -n '/^== summary/,$p' "$out/$mode/tier.txt"
done

{
	echo "| mode | 90% hot in fast | 95% hot in fast | share at end | migrated | least needed | ratio | kdamond CPU | kdamond CPU, last ${steady_secs:-30} s | kswapd CPU | workload sys |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	for mode in "${modes[@]}"; do
		(
			name=$mode
			. "$out/$mode/summary.txt"
			echo "| $name | ${t90} s | ${t95} s | ${end_share_pct}% | ${migrated_mib} MiB |" \
				"${needed_mib} MiB | ${migrated_over_needed} | ${kdamond_cpu_pct}% |" \
				"${kdamond_steady_cpu_pct:-?}% | ${kswapd_cpu_pct:-?}% | ${workload_sys_s} s |"
		)
	done
} > "$out/table.md"
cat "$out/table.md"

plot=""
for mode in "${modes[@]}"; do
	plot+="${plot:+, }\"$out/$mode/tier.dat\" using 1:(100*\$2/512) with lines lw 2 title \"$mode\""
done
gnuplot <<GP
set terminal pngcairo noenhanced size 1000,520 font ",10"
set output "$out/tiering.png"
set title "512 MiB hot set starting on the slow node, 1.5 GiB cold data on the fast node"
set xlabel "seconds"
set ylabel "hot set in the fast node (%)"
set yrange [0:105]
set key bottom right
set grid
plot $plot
GP
echo "plot: $out/tiering.png"
