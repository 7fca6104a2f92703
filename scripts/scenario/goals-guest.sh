#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the quota-goal scenario (scripts/test/scenario.sh): a
# workload's hot set starts on the slow node 1; one paddr context monitors
# both nodes with two migrate_hot schemes, one per direction, each allowed
# only its source node's addresses by an addr filter and each with a goal
# of METRIC on its destination node.  Records the goal evaluations from the
# damos_node_eligible_mem_bp tracepoint, the schemes' applied bytes and the
# hot set's placement, each second, into $DT_OUT.
#
#   goals-guest.sh HOTCOLD METRIC HOT_MIB FAST_MIB SECONDS
#
# FAST_MIB is the part of the hot set to keep on node 0; the rest is for
# node 1.  Each goal asks for its node's part less DT_SCENARIO_MARGIN_MIB
# (24), so that the schemes rest while node 0 holds FAST_MIB +- 24 MiB.  For
# node_target_mem_bp the targets are those sizes over each node's size; for
# node_eligible_mem_bp, their shares of the hot set.
#
# The context samples every 50 ms and aggregates over 2 s
# (DT_SCENARIO_SAMPLE_US, DT_SCENARIO_AGGR_US): with DAMON's default 5 ms and
# 100 ms, the kdamond under TCG saw the whole hot set as not accessed in
# some aggregation intervals, and the goals' values swung by their whole
# range.  The schemes migrate at most DT_SCENARIO_QUOTA_MIB (32) per
# second with the temporal goal tuner (DT_SCENARIO_TUNER), which migrates at
# the full quota until the goal is met and then stops, so the quota bounds
# the overshoot; the consist tuner's proportional steps overshot by the
# whole hot set.  A region counts as hot when it was seen accessed in 4 of
# the 40 samples of an aggregation interval (10%, the share of the maximum
# under which DAMON merges regions).  With a minimum of 1, on the debug
# kernel, the node 0 goal's value jumped by 190 MiB in 3 of 23 evaluations
# while the hot set's placement did not change: a big region of cold memory
# seen accessed in a few samples.  The hot set's regions are seen accessed
# in nearly all samples.  DT_SCENARIO_THP=1 (the workload's memory in huge pages),
# DT_SCENARIO_HOT_MIN (the schemes' minimum nr_accesses, 4),
# DT_SCENARIO_YOUNG=0 (no young page filter, which the schemes have by
# default) and DT_SCENARIO_MAX_REGIONS (1000) may be set in the guest,
# through a wrapper.
set -euo pipefail
hotcold=$1 metric=$2 hot=$3 fast=$4 seconds=$5
tr=/sys/kernel/tracing

node_bytes() { awk '/MemTotal/ { printf "%.0f\n", $4 * 1024 }' "/sys/devices/system/node/node$1/meminfo"; }
# the physical address range that node $1's zones span, from /proc/zoneinfo
node_range() {
	awk -v node="$1" '
		/^Node/ { n = $2 + 0; spanned = 0 }
		n == node && $1 == "spanned" { spanned = $2 }
		n == node && $1 == "start_pfn:" && spanned > 0 {
			if (lo == "" || $2 < lo) lo = $2
			if ($2 + spanned > hi) hi = $2 + spanned
		}
		END { printf "%.0f %.0f\n", lo * 4096, hi * 4096 }' /proc/zoneinfo
}
read -r n0_start n0_end < <(node_range 0)
read -r n1_start n1_end < <(node_range 1)
# with targets that sum up to the whole, one of the two goals is always
# unmet and the schemes trade a quota back and forth (see the header)
margin=${DT_SCENARIO_MARGIN_MIB:-24}
# bp of MIB on node $2 (node_target_mem_bp) or of the hot set
mib_bp() {
	if [ "$metric" = node_target_mem_bp ]; then
		echo $(($1 * 1048576 * 10000 / $(node_bytes "$2")))
	else
		echo $(($1 * 10000 / hot))
	fi
}
split0=$(mib_bp "$fast" 0)
t0=$(mib_bp $((fast - margin)) 0)
t1=$(mib_bp $((hot - fast - margin)) 1)
{
	echo "metric=$metric hot_mib=$hot fast_mib=$fast margin_mib=$margin"
	echo "node0=$n0_start-$n0_end node1=$n1_start-$n1_end"
	echo "target0=$t0 target1=$t1 split0=$split0"
} > "$DT_OUT/setup.txt"

# NUMA balancing would migrate the hot set to the CPUs' node on its own
echo 0 > /proc/sys/kernel/numa_balancing
"$hotcold" --hot "$hot" --cold 512 --hot-node 1 --cold-node 0 --report ${DT_SCENARIO_THP:+--thp} \
	--seconds $((seconds * 3)) > "$DT_OUT/placement.txt" 2>&1 &
wl=$!
while ! grep -q '^t=' "$DT_OUT/placement.txt"; do sleep 0.5; done
echo "wl_start=$(awk '{ print $1 }' /proc/uptime)" >> "$DT_OUT/setup.txt"

# scheme S: migrate_hot from node SRC to node DST, with a goal on DST
scheme() {
	local s=$1 src_start=$2 src_end=$3 dst=$4 target=$5
	echo migrate_hot > "$s/action"
	echo "$dst" > "$s/target_nid"
	echo "${DT_SCENARIO_HOT_MIN:-4}" > "$s/access_pattern/nr_accesses/min"
	echo 4294967295 > "$s/access_pattern/nr_accesses/max"
	echo 18446744073709551615 > "$s/access_pattern/sz/max"
	echo 4294967295 > "$s/access_pattern/age/max"
	echo $((${DT_SCENARIO_QUOTA_MIB:-32} << 20)) > "$s/quotas/bytes"
	echo "${DT_SCENARIO_TUNER:-temporal}" > "$s/quotas/goal_tuner"
	echo 1000 > "$s/quotas/reset_interval_ms"
	echo 1 > "$s/quotas/goals/nr_goals"
	echo "$metric" > "$s/quotas/goals/0/target_metric"
	echo "$dst" > "$s/quotas/goals/0/nid"
	echo "$target" > "$s/quotas/goals/0/target_value"
	echo 1 > "$s/core_filters/nr_filters"
	echo addr > "$s/core_filters/0/type"
	echo Y > "$s/core_filters/0/matching"
	echo Y > "$s/core_filters/0/allow"
	echo "$src_start" > "$s/core_filters/0/addr_start"
	echo "$src_end" > "$s/core_filters/0/addr_end"
	# migrate only the pages accessed since the last check of the region,
	# not the cold pages of a region that is hot as a whole
	[ "${DT_SCENARIO_YOUNG:-1}" = 1 ] || return 0
	echo 1 > "$s/ops_filters/nr_filters"
	echo young > "$s/ops_filters/0/type"
	echo Y > "$s/ops_filters/0/matching"
	echo Y > "$s/ops_filters/0/allow"
}

damon=/sys/kernel/mm/damon/admin
echo 1 > $damon/kdamonds/nr_kdamonds
kd=$damon/kdamonds/0
echo 1 > $kd/contexts/nr_contexts
ctx=$kd/contexts/0
echo paddr > $ctx/operations
attrs=$ctx/monitoring_attrs
echo "${DT_SCENARIO_SAMPLE_US:-50000}" > $attrs/intervals/sample_us
echo "${DT_SCENARIO_AGGR_US:-2000000}" > $attrs/intervals/aggr_us
echo "${DT_SCENARIO_MAX_REGIONS:-1000}" > $attrs/nr_regions/max
echo 1 > $ctx/targets/nr_targets
echo 2 > $ctx/targets/0/regions/nr_regions
echo "$n0_start" > $ctx/targets/0/regions/0/start
echo "$n0_end" > $ctx/targets/0/regions/0/end
echo "$n1_start" > $ctx/targets/0/regions/1/start
echo "$n1_end" > $ctx/targets/0/regions/1/end
echo 2 > $ctx/schemes/nr_schemes
scheme $ctx/schemes/0 "$n1_start" "$n1_end" 0 "$t0"
scheme $ctx/schemes/1 "$n0_start" "$n0_end" 1 "$t1"

echo 1 > $tr/events/damon/damos_node_eligible_mem_bp/enable
cat $tr/trace_pipe > "$DT_OUT/trace.txt" &
tp=$!
echo on > $kd/state
start=$(awk '{ print $1 }' /proc/uptime)
echo "start=$start" >> "$DT_OUT/setup.txt"
for i in $(seq "$seconds"); do
	sleep 1
	echo update_schemes_stats > $kd/state
	echo "$(awk '{ print $1 }' /proc/uptime) $(cat $ctx/schemes/0/stats/sz_applied) $(cat $ctx/schemes/1/stats/sz_applied)"
done > "$DT_OUT/applied.txt"
echo off > $kd/state
echo 0 > $tr/events/damon/damos_node_eligible_mem_bp/enable
sleep 0.5
kill $tp $wl 2>/dev/null || true
wait 2>/dev/null || true
