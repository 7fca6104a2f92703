#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DAMON_TIER's kdamond over time, on the main job's workload: every 8 s, its
# CPU time over 6 s, then, over 2 s, the damon_aggregated events (regions
# times aggregations) and the regions of the last aggregation, with the
# bytes promoted and demoted in those 8 s and the workload's last report.
# Prints a line per 8 s, also written to $DT_OUT/cpu.txt.
#
#   DT_VM_APPEND="damon_tier.enabled=Y" ./run vm scripts/tier-cpu.sh \
#       build/bin/hotcold [SECONDS]
set -u
hotcold=$1 secs=${2:-100}
p=/sys/module/damon_tier/parameters
tr=/sys/kernel/tracing
echo 0 > /proc/sys/kernel/numa_balancing
[ -d $tr/events ] || mount -t tracefs nodev $tr
"$hotcold" --hot 512 --cold 1536 --hot-node 1 --cold-node 0 --report \
	--seconds $((secs + 60)) > "$DT_OUT/workload.txt" 2>&1 &
wl=$!
pid=$(cat $p/kdamond_pid)
ticks() { awk '{ print $14 + $15 }' /proc/$pid/stat; }
uptime_cs() { awk '{ printf "%.0f\n", $1 * 100 }' /proc/uptime; }
mib() { echo $(($(cat $p/$1) >> 20)); }
start=$(uptime_cs)
while [ $((($(uptime_cs) - start) / 100)) -lt "$secs" ]; do
	t0=$(ticks) u0=$(uptime_cs) prom0=$(mib bytes_promoted_regions) dem0=$(mib bytes_demoted_regions)
	sleep 6
	t1=$(ticks) u1=$(uptime_cs)
	echo > $tr/trace
	echo 1 > $tr/events/damon/damon_aggregated/enable
	sleep 2
	echo 0 > $tr/events/damon/damon_aggregated/enable
	read -r events regions < <(awk '/damon_aggregated:/ { n++
		for (i = 1; i <= NF; i++) if ($i ~ /^nr_regions=/) r = substr($i, 12) }
		END { print n + 0, r + 0 }' $tr/trace)
	awk -v t=$(((u0 - start) / 100)) -v c=$((t1 - t0)) -v u=$((u1 - u0)) \
		-v e="$events" -v r="$regions" \
		-v prom=$(($(mib bytes_promoted_regions) - prom0)) \
		-v dem=$(($(mib bytes_demoted_regions) - dem0)) \
		-v wl="$(grep '^t=' "$DT_OUT/workload.txt" | tail -n1)" 'BEGIN {
		printf "%3d s: kdamond CPU %5.1f%%, %5d region aggregations in 2 s, %4d regions; promoted %d MiB, demoted %d MiB; %s\n",
			t, 100 * c / u, e, r, prom, dem, wl }' | tee -a "$DT_OUT/cpu.txt"
done
kill $wl
