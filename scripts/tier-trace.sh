#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Diagnostics for DAMON_TIER's slow starts: runs CMD in the guest (for
# example scripts/tier-guest.sh) while recording, into $DT_OUT:
#   trace.txt  the tracepoints of the schemes (damos_esz, damos_before_apply,
#              damos_stat_after_apply_interval), of migrate_pages() and of
#              kswapd's wake-ups and direct reclaim, from a 32 MiB per-CPU
#              buffer read at the end
#   free.txt   node 0's free memory each second (uptime, KiB)
#   stack.txt  the kdamond's kernel stack every 0.5 s
# A gap in free.txt and stack.txt is a stall of the guest; a gap between a
# mm_migrate_pages_start and its mm_migrate_pages in trace.txt is a slow
# migration.
#
#   DT_VM_APPEND="damon_tier.enabled=Y" ./run vm scripts/tier-trace.sh \
#       scripts/tier-guest.sh build/bin/hotcold damon_tier 60 512 1536 1
tr=/sys/kernel/tracing
echo 32768 > $tr/buffer_size_kb
for e in damon/damos_esz damon/damos_before_apply \
	damon/damos_stat_after_apply_interval \
	migrate/mm_migrate_pages migrate/mm_migrate_pages_start \
	vmscan/mm_vmscan_wakeup_kswapd vmscan/mm_vmscan_kswapd_wake \
	vmscan/mm_vmscan_kswapd_sleep vmscan/mm_vmscan_direct_reclaim_begin \
	vmscan/mm_vmscan_direct_reclaim_end vmscan/mm_vmscan_throttled; do
	echo 1 > $tr/events/$e/enable
done
( while sleep 1; do echo "$(awk '{print $1}' /proc/uptime) $(awk '/MemFree/ {print $4}' /sys/devices/system/node/node0/meminfo)"; done ) > /tmp/free.txt &
fp=$!
kd=$(cat /sys/module/damon_tier/parameters/kdamond_pid)
( while sleep 0.5; do echo "== $(awk '{print $1}' /proc/uptime) $(awk '{print $3}' /proc/$kd/stat)"; cat /proc/$kd/stack; done ) > /tmp/stack.txt 2>&1 &
sp=$!
"$@"
rc=$?
kill $fp $sp
echo 0 > $tr/tracing_on
cat $tr/trace > "$DT_OUT/trace.txt"
cp /tmp/free.txt /tmp/stack.txt "$DT_OUT/"
exit $rc
