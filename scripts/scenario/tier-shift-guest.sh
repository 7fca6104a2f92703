#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the "tier-shift" scenario (scripts/test/scenario.sh).
# DAMON_TIER, enabled on the kernel command line with defaults, brings a
# first hot set from the slow node to the fast node.  Once it has had
# nothing to migrate for 20 s, its monitoring must have slowed down: the
# damon_aggregated tracepoint counts the aggregations of 8 s.  Then a
# second hot set starts on the slow node, and must reach the fast node all
# the same, which takes demoting more of the first workload's cold data.
# The damon_aggregated events of the first region while it moves, one an
# aggregation, show the intervals DAMON_TIER went through.
# Times are the workloads' own (their t= reports): under TCG, an iteration
# of a shell loop takes longer than its sleep.
#
#   tier-shift-guest.sh HOTCOLD [COLD_MIB]
#
# COLD_MIB is the first workload's cold data on the fast node, 1536 by
# default.
# Writes $DT_OUT/shift.txt (what it prints), second-aggrs.txt (per
# aggregation while the second hot set moves: seconds since the last one,
# and the regions) and summary.txt (KEY=VALUE):
# first_t95, second_t90, second_t95 (seconds, or - if not reached; the 95%
# of the first and the second hot set, the 90% of the second), idle_aggrs and
# committed_aggrs (aggregations in 8 s while idle, and at the committed
# aggregation interval).
set -u
hotcold=$1 cold=${2:-1536}
params=/sys/module/damon_tier/parameters
tr=/sys/kernel/tracing
exec > >(tee "$DT_OUT/shift.txt") 2>&1

[ "$(cat $params/enabled)" = Y ] || { echo "DAMON_TIER is not enabled"; exit 1; }
echo 0 > /proc/sys/kernel/numa_balancing
[ -d $tr/events ] || mount -t tracefs nodev $tr

# the last report of a workload: "t hot_in_fast hot_pages"
last_report() {
	grep '^t=' "$1" | tail -n1 |
		sed -n 's/^t=\([0-9]*\) hot_in_fast=\([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3/p'
}

# wait until 95% of the hot set of the workload reporting to $1 is in the
# fast node, for up to $2 s of its time; print its time then, or -
wait_hot() {
	local t hf ht
	while sleep 1; do
		read -r t hf ht < <(last_report "$1") || continue
		if [ $((hf * 100)) -ge $((ht * 95)) ]; then
			echo "$t"
			return
		fi
		[ "$t" -lt "$2" ] || break
	done
	echo -
}

# the workload's time when it first reported $2% of its hot set in the fast
# node, or -
first_reach() {
	sed -n 's/^t=\([0-9]*\) hot_in_fast=\([0-9]*\)\/\([0-9]*\) .*/\1 \2 \3/p' "$1" |
		awk -v p="$2" '$2 * 100 >= $3 * p { print $1; found = 1; exit }
			END { if (!found) print "-" }'
}

# the aggregations of $1 s: the damon_aggregated events of an aggregation
# come in one burst
aggregations() {
	echo > $tr/trace
	echo 1 > $tr/events/damon/damon_aggregated/enable
	sleep "$1"
	echo 0 > $tr/events/damon/damon_aggregated/enable
	awk '/damon_aggregated:/ { ts = $4 + 0; if (ts - last > 0.05) n++; last = ts }
		END { print n + 0 }' $tr/trace
}

"$hotcold" --hot 512 --cold "$cold" --hot-node 1 --cold-node 0 --report --seconds 600 \
	> "$DT_OUT/first.txt" 2>&1 &
first=$!
first_t95=$(wait_hot "$DT_OUT/first.txt" 90)
echo "first hot set (512 MiB, $cold MiB of cold data in the fast node): 95% in the fast node after ${first_t95} s"

sleep 20
idle_aggrs=$(aggregations 8)
committed_aggrs=$((8000000 / $(cat $params/aggr_interval)))
echo "after 20 s more: $idle_aggrs aggregations in 8 s ($committed_aggrs at the committed aggregation interval)"

# one event an aggregation, the first region's, while the second hot set
# moves: the aggregation intervals DAMON_TIER went through
first_start=$(awk '/damon_aggregated:/ {
		for (i = 1; i <= NF; i++)
			if ($i ~ /^[0-9]+-[0-9]+:$/) {
				split($i, r, "-")
				if (min == "" || r[1] + 0 < min)
					min = r[1] + 0
			}
	}
	END { print min }' $tr/trace)
echo > $tr/trace
if [ -n "$first_start" ]; then
	echo "start == $first_start" > $tr/events/damon/damon_aggregated/filter
else
	echo "no aggregation while idle: the aggregations below are regions"
fi
echo 1 > $tr/events/damon/damon_aggregated/enable
"$hotcold" --hot 256 --hot-node 1 --report --seconds 600 > "$DT_OUT/second.txt" 2>&1 &
second=$!
second_t95=$(wait_hot "$DT_OUT/second.txt" 90)
echo 0 > $tr/events/damon/damon_aggregated/enable
echo 0 > $tr/events/damon/damon_aggregated/filter
second_t90=$(first_reach "$DT_OUT/second.txt" 90)
echo "second hot set (256 MiB): 90% in the fast node after ${second_t90} s, 95% after ${second_t95} s"
awk '/damon_aggregated:/ { ts = $4 + 0; if (n) printf "%.3f %d\n", ts - last, $0 ~ /nr_regions=/ ? substr($0, index($0, "nr_regions=") + 11) + 0 : 0; last = ts; n++ }' \
	$tr/trace > "$DT_OUT/second-aggrs.txt"
awk '{ n++; s += $1; if ($1 > max) max = $1 } END { printf "meanwhile: %d aggregations, %.2f s apart on average, %.2f s at most\n", n ? n + 1 : 0, n ? s / n : 0, max }' \
	"$DT_OUT/second-aggrs.txt"
read -r t hf ht < <(last_report "$DT_OUT/first.txt")
echo "first hot set then: $((hf * 1000 / ht / 10)).$((hf * 1000 / ht % 10))% in the fast node"
echo "promoted $(($(cat $params/bytes_promoted_regions) >> 20)) MiB," \
	"demoted $(($(cat $params/bytes_demoted_regions) >> 20)) MiB"
kill $first $second
wait $first $second 2>/dev/null
printf 'first_t95=%s\nsecond_t90=%s\nsecond_t95=%s\nidle_aggrs=%s\ncommitted_aggrs=%s\n' \
	"$first_t95" "$second_t90" "$second_t95" "$idle_aggrs" "$committed_aggrs" > "$DT_OUT/summary.txt"
