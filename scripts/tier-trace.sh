#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Diagnostics for DAMON_TIER's slow starts: runs CMD in the guest (for
# example scripts/tier-guest.sh) while recording, into $DT_OUT, the
# damos_esz tracepoint (esz.txt), node 0's free memory each second
# (free.txt: uptime, KiB) and the kdamond's kernel stack every 0.5 s
# (stack.txt).  A gap in free.txt and stack.txt is a stall of the guest.
#
#   DT_VM_APPEND="damon_tier.enabled=Y" ./run vm scripts/tier-trace.sh \
#       scripts/tier-guest.sh build/bin/hotcold damon_tier 60 512 1536 1
tr=/sys/kernel/tracing
echo 1 > $tr/events/damon/damos_esz/enable
cat $tr/trace_pipe > /tmp/esz.txt &
tp=$!
( while sleep 1; do echo "$(awk '{print $1}' /proc/uptime) $(awk '/MemFree/ {print $4}' /sys/devices/system/node/node0/meminfo)"; done ) > /tmp/free.txt &
fp=$!
kd=$(cat /sys/module/damon_tier/parameters/kdamond_pid)
( while sleep 0.5; do echo "== $(awk '{print $1}' /proc/uptime) $(awk '{print $3}' /proc/$kd/stat)"; cat /proc/$kd/stack; done ) > /tmp/stack.txt 2>&1 &
sp=$!
"$@"
rc=$?
kill $tp $fp $sp
cp /tmp/esz.txt /tmp/free.txt /tmp/stack.txt "$DT_OUT/"
exit $rc
