#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the "tier-wmarks" scenario (scripts/test/scenario.sh).
# DAMON_TIER runs with watermarks that keep its schemes off while more than
# 55% of the memory is free (checked every second).  While they are off,
# kdamond must not aggregate; DAMON_TIER's slowing down must not take the
# idle time for a reason to slow down, so once a workload brings the free
# memory below 55%, the first aggregation must come about a watermark
# interval and one committed aggregation interval later, not after up to
# 32 aggregation intervals.
#
#   tier-wmarks-guest.sh HOTCOLD
#
# Writes $DT_OUT/wmarks.txt (what it prints) and summary.txt (KEY=VALUE):
# off_aggrs (aggregation events while the schemes are off), cross (uptime
# when the free memory fell below 55%), first_aggr (uptime of the first
# aggregation after it), delay_ms (between the two, or -).
set -u
hotcold=$1
params=/sys/module/damon_tier/parameters
tr=/sys/kernel/tracing
exec > >(tee "$DT_OUT/wmarks.txt") 2>&1

echo 0 > /proc/sys/kernel/numa_balancing
[ -d $tr/events ] || mount -t tracefs nodev $tr
echo 1000000 > $params/wmarks_interval
echo 600 > $params/wmarks_high
echo 550 > $params/wmarks_mid
echo 0 > $params/wmarks_low
echo Y > $params/enabled || { echo "enabling DAMON_TIER failed"; exit 1; }
echo > $tr/trace
echo 1 > $tr/events/damon/damon_aggregated/enable
sleep 12
off_aggrs=$(grep -c damon_aggregated: $tr/trace)
echo "schemes off for 12 s: $off_aggrs aggregation events"

# 2600 MiB on the slow node take the free memory of the 5 GiB guest to
# about 42%; note when it falls below 55%
limit=$(($(awk '/MemTotal/ { print $2 }' /proc/meminfo) * 55 / 100))
"$hotcold" --hot 64 --cold 2600 --hot-node 0 --cold-node 1 --seconds 60 \
	> "$DT_OUT/hotcold.txt" 2>&1 &
wl=$!
cross=-
for i in $(seq 1200); do
	if [ "$(awk '/MemFree/ { print $2 }' /proc/meminfo)" -lt "$limit" ]; then
		cross=$(cut -d' ' -f1 /proc/uptime)
		break
	fi
	sleep 0.05
done
sleep 8
echo 0 > $tr/events/damon/damon_aggregated/enable
first_aggr=$(awk -v c="$cross" '/damon_aggregated:/ { ts = $4 + 0;
	if (c != "-" && ts >= c) { print ts; exit } }' $tr/trace)
delay_ms=-
[ -n "$first_aggr" ] && [ "$cross" != - ] &&
	delay_ms=$(awk -v a="$first_aggr" -v c="$cross" 'BEGIN { printf "%d", (a - c) * 1000 }')
echo "free memory below 55% at ${cross} s; first aggregation at ${first_aggr:--} s (${delay_ms} ms later)"
echo N > $params/enabled
kill $wl 2>/dev/null
wait $wl 2>/dev/null
printf 'off_aggrs=%s\ncross=%s\nfirst_aggr=%s\ndelay_ms=%s\n' \
	"$off_aggrs" "$cross" "${first_aggr:--}" "$delay_ms" > "$DT_OUT/summary.txt"
