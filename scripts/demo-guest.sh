#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job's guest side: show the tiered machine as an administrator
# checks it, then DAMON monitoring a running workload whose hot set sits
# on the slow node.  Run inside the VM by scripts/main.sh.
set -euo pipefail
. "$(dirname "$0")/guest-damon.sh"
hotcold=$1
exec > >(tee "$DT_OUT/demo.txt") 2>&1

echo "== NUMA nodes"
for n in /sys/devices/system/node/node[0-9]*; do
	printf '  %s: cpus [%s], %s MiB\n' "${n##*/}" "$(cat "$n/cpulist")" \
		"$(awk '/MemTotal/ { print int($4 / 1024) }' "$n/meminfo")"
done
echo "== memory tiers (/sys/devices/virtual/memory_tiering)"
for t in /sys/devices/virtual/memory_tiering/memory_tier*; do
	printf '  %s: nodes %s\n' "${t##*/}" "$(cat "$t/nodelist")"
done
echo "== demotion"
dmesg | grep -i 'demotion targets' | sed 's/^\[[^]]*\] */  /'
echo "  demotion_enabled: $(cat /sys/kernel/mm/numa/demotion_enabled)"

echo "== DAMON monitoring a workload (vaddr, upstream sysfs interface)"
"$hotcold" --hot 64 --cold 256 --hot-node 1 --cold-node 0 --seconds 60 > /tmp/hotcold.out &
wl=$!
sleep 2
head -n1 /tmp/hotcold.out | sed 's/^/  /'
dt_damon_one_ctx vaddr
echo $wl > $ctx/targets/0/pid_target
echo 1 > $ctx/schemes/nr_schemes
echo stat > $ctx/schemes/0/action
# the scheme matches every region, so that its tried regions are all regions
pattern=$ctx/schemes/0/access_pattern
echo 18446744073709551615 > $pattern/sz/max
echo 4294967295 > $pattern/nr_accesses/max
echo 4294967295 > $pattern/age/max
echo on > $kd/state
echo "  kdamond $(cat $kd/pid) monitors pid $wl; waiting 8 s"
sleep 8
tried=$ctx/schemes/0/tried_regions
echo update_schemes_tried_regions > $kd/state
echo "  regions DAMON found accessed (nr_accesses > 0 of 20 samples per 100 ms):"
hot_bytes=0
for r in "$tried"/[0-9]*; do
	s=$(cat "$r/start") e=$(cat "$r/end") a=$(cat "$r/nr_accesses")
	[ "$a" -gt 0 ] || continue
	hot_bytes=$((hot_bytes + e - s))
	printf '    %#x-%#x %6d KiB  nr_accesses %2d  age %d\n' "$s" "$e" $(((e - s) / 1024)) "$a" "$(cat "$r/age")"
done
echo "  accessed: $((hot_bytes >> 20)) MiB (the workload's hot set is 64 MiB, its cold data 256 MiB)"
echo off > $kd/state
kill $wl
wait $wl || true
[ $hot_bytes -gt 0 ]
