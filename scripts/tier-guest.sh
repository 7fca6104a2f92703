#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the main job (scripts/main.sh) and of the tiering benchmark
# (scripts/bench-tier.sh): runs the hotcold workload, whose hot set starts on
# the slow node 1 and whose cold data fills the fast node 0, under one
# tiering MODE, and prints once a second where the memory is, read from the
# kernel:
#   hot, cold    the workload's pages on node 0 (move_pages(2), no targets)
#   node0        node 0's used memory
#   promoted, demoted   DAMON_TIER's bytes_promoted/demoted_regions
#   migrated     pages migrated by any kernel path (pgmigrate_success)
# then a summary.  Writes $DT_OUT/tier.txt (what it prints), tier.dat (the
# series, for the plot) and summary.txt (KEY=VALUE).
#
#   tier-guest.sh HOTCOLD MODE SECONDS HOT_MIB COLD_MIB [HOT_NODE]
#
# MODE: none (no tiering), numab (NUMA balancing's tiering mode,
# kernel.numa_balancing=2 with demotion enabled), mtier (the DAMON mtier
# sample), damon_tier (DAMON_TIER, which the kernel command line enabled).
set -euo pipefail
hotcold=$1 mode=$2 seconds=$3 hot=$4 cold=$5 hot_node=${6:-1}
params=/sys/module/damon_tier/parameters
mtier=/sys/module/damon_sample_mtier/parameters
exec > >(tee "$DT_OUT/tier.txt") 2>&1

vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
# node 0's memory: "total free" in KiB
node0_mem() { awk '/MemTotal/ { t = $4 } /MemFree/ { f = $4 } END { print t, f }' \
	/sys/devices/system/node/node0/meminfo; }
# CPU ticks of the threads whose name starts with $1
comm_ticks() {
	local f sum=0
	for f in /proc/[0-9]*/comm; do
		[[ $(cat "$f" 2>/dev/null) == "$1"* ]] || continue
		sum=$((sum + $(awk '{ print $14 + $15 }' "${f%comm}stat" 2>/dev/null || echo 0)))
	done
	echo $sum
}
kdamond_ticks() { comm_ticks kdamond; }
param() { cat "$params/$1" 2>/dev/null || echo 0; }
# the time since boot in 1/100 s, the unit of the ticks above: a second of
# the loop below takes longer than its sleep
uptime_cs() { awk '{ printf "%.0f\n", $1 * 100 }' /proc/uptime; }

echo "== machine"
for n in /sys/devices/system/node/node[0-9]*; do
	printf '  %s: cpus [%s], %d MiB\n' "${n##*/}" "$(cat "$n/cpulist")" \
		$(($(awk '/MemTotal/ { print $4 }' "$n/meminfo") / 1024))
done
for t in /sys/devices/virtual/memory_tiering/memory_tier*; do
	echo "  ${t##*/}: nodes $(cat "$t/nodelist")"
done

# NUMA balancing would promote on its own: only its own mode has it
echo 0 > /proc/sys/kernel/numa_balancing
case $mode in
none) ;;
numab)
	echo true > /sys/kernel/mm/numa/demotion_enabled
	echo 2 > /proc/sys/kernel/numa_balancing ;;
mtier)
	echo Y > $mtier/detect_node_addresses
	echo Y > $mtier/enabled ;;
damon_tier)
	[ "$(cat $params/enabled)" = Y ] || { echo "DAMON_TIER is not enabled"; exit 1; }
	echo "  DAMON_TIER: enabled at boot, kdamond $(cat $params/kdamond_pid);" \
		"$(dmesg | grep -o 'damon-tier: tiering.*' | tail -n1)" ;;
*) echo "unknown mode $mode"; exit 2 ;;
esac

# node 0's high watermark, in KiB: memory that promotion can not fill
wmark_kib=$(awk '/^Node 0,/ { n0 = 1; next } /^Node/ { n0 = 0 }
	n0 && $1 == "high" { sum += $2 } END { print sum * 4 }' /proc/zoneinfo)
read -r total0 free0 < <(node0_mem)
mig0=$(vmstat pgmigrate_success)
cp /proc/vmstat "$DT_OUT/vmstat-start.txt"
ticks0=$(kdamond_ticks) up0=$(uptime_cs) kswapd0=$(comm_ticks kswapd)
prom0=$(param bytes_promoted_regions)
dem0=$(param bytes_demoted_regions)
dtried0=$(param bytes_demote_tried_regions) ptried0=$(param bytes_promote_tried_regions)

echo "== $mode: hot set $hot MiB placed on node $hot_node, cold data $cold MiB on node 0;" \
	"t=0 is when the workload has placed its memory"
# the workload outlives the loop below, whose iterations take much longer
# than a second on a debug kernel; it is killed after the loop
"$hotcold" --hot "$hot" --cold "$cold" --hot-node "$hot_node" --cold-node 0 --report \
	--seconds $((seconds * 10 + 120)) > "$DT_OUT/placement.txt" 2>&1 &
wl=$!

printf '%4s %16s %16s %7s %9s %9s %9s\n' t "hot in fast" "cold in fast" node0 \
	promoted demoted migrated
echo "# t hot_fast_mib cold_fast_mib node0_used_pct promoted_mib demoted_mib migrated_mib promote_tried_mib demote_tried_mib" \
	> "$DT_OUT/tier.dat"
# kdamond's CPU time over the last 30 s (or the second half of a shorter
# run): once the hot set is in place, monitoring is most of it.  The time is
# the workload's own (t= of its reports): an iteration of this loop takes
# more than its second of sleep.
steady_from=$((seconds > 60 ? seconds - 30 : seconds / 2))
ticks_steady0=$ticks0 up_steady0=$up0 steady=0
t=0 i=0
while [ "$t" -lt "$seconds" ] && [ $((i += 1)) -le $((seconds * 10)) ]; do
	sleep 1
	kill -0 $wl 2>/dev/null || { cat "$DT_OUT/placement.txt"; exit 1; }
	line=$(grep '^t=' "$DT_OUT/placement.txt" | tail -n1 || true)
	if ! [[ $line =~ ^t=([0-9]+)\ hot_in_fast=([0-9]+)/([0-9]+)\ cold_in_fast=([0-9]+)/([0-9]+) ]]; then
		echo "   (the workload is placing its memory)"
		continue
	fi
	t=${BASH_REMATCH[1]} hf=$((BASH_REMATCH[2] / 256)) cf=$((BASH_REMATCH[4] / 256))
	if [ $steady = 0 ] && [ "$t" -ge "$steady_from" ]; then
		ticks_steady0=$(kdamond_ticks) up_steady0=$(uptime_cs) steady=1
	fi
	read -r total free < <(node0_mem)
	used=$(((total - free) * 1000 / total))
	prom=$((($(param bytes_promoted_regions) - prom0) >> 20))
	dem=$((($(param bytes_demoted_regions) - dem0) >> 20))
	mig=$((($(vmstat pgmigrate_success) - mig0) / 256))
	printf '%3ds %8d/%d MiB %8d/%d MiB %5d.%d%% %5d MiB %5d MiB %5d MiB\n' "$t" \
		$hf "$hot" $cf "$cold" $((used / 10)) $((used % 10)) $prom $dem $mig
	ptried=$((($(param bytes_promote_tried_regions) - ptried0) >> 20))
	dtried=$((($(param bytes_demote_tried_regions) - dtried0) >> 20))
	echo "$t $hf $cf $((used / 10)).$((used % 10)) $prom $dem $mig $ptried $dtried" >> "$DT_OUT/tier.dat"
done
ticks_end=$(kdamond_ticks) up_end=$(uptime_cs) kswapd_end=$(comm_ticks kswapd)
ticks=$((ticks_end - ticks0))
ticks_steady=$((ticks_end - ticks_steady0))
wl_sys=$(awk '{ print $15 }' /proc/$wl/stat)
cp /sys/devices/system/node/node0/meminfo "$DT_OUT/node0-meminfo.txt"
cp /proc/zoneinfo "$DT_OUT/zoneinfo.txt"
cp /proc/vmstat "$DT_OUT/vmstat-end.txt"
kill $wl 2>/dev/null || true
wait $wl 2>/dev/null || true

# The least migration that brings the whole hot set to node 0: the hot set
# moves there, and as much cold data as it does not fit in node 0's free
# memory above the high watermark moves out.
room=$(((free0 - wmark_kib) / 1024 - cold))
need=$((hot + (hot > room ? hot - room : 0)))
awk -v hot="$hot" -v need="$need" -v ticks="$ticks" \
	-v ticks_steady="$ticks_steady" \
	-v cs="$((up_end - up0))" -v steady_cs="$((up_end - up_steady0))" \
	-v wl_sys="$wl_sys" -v mode="$mode" -v kswapd="$((kswapd_end - kswapd0))" '
	!/^#/ {
		if (t90 == "" && $2 >= 0.9 * hot) t90 = $1
		if (t95 == "" && $2 >= 0.95 * hot) t95 = $1
		last_hot = $2; mig = $7
	}
	END {
		printf "mode=%s\nt90=%s\nt95=%s\nend_share_pct=%.1f\n", mode,
			t90 == "" ? "-" : t90, t95 == "" ? "-" : t95, 100 * last_hot / hot
		printf "migrated_mib=%d\nneeded_mib=%d\n", mig, need
		printf "migrated_over_needed=%s\n", need ? sprintf("%.2f", mig / need) : "-"
		printf "kdamond_cpu_pct=%.2f\nworkload_sys_s=%.1f\n", 100 * ticks / cs, wl_sys / 100
		printf "kdamond_steady_cpu_pct=%.2f\nsteady_secs=%d\n",
			100 * ticks_steady / steady_cs, steady_cs / 100
		printf "kswapd_cpu_pct=%.2f\n", 100 * kswapd / cs
	}' "$DT_OUT/tier.dat" > "$DT_OUT/summary.txt"
. "$DT_OUT/summary.txt"
echo "== summary ($mode, ${seconds} s)"
echo "  hot set in the fast node: 90% after ${t90} s, 95% after ${t95} s; ${end_share_pct}% at the end"
echo "  migrated ${migrated_mib} MiB; the least that reaches the goal is ${needed_mib} MiB" \
	"(ratio ${migrated_over_needed})"
echo "  kdamond CPU: ${kdamond_cpu_pct}% of one vCPU, ${kdamond_steady_cpu_pct}% over the last" \
	"${steady_secs} s; the workload's system time ${workload_sys_s} s"
echo "  kswapd CPU: ${kswapd_cpu_pct}% of one vCPU"
