#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the eligible-layouts scenario: for each memory layout, the
# layout program lays out MIB MiB on node NODE and sleeps, and the
# damon-eligible KUnit suite compares the node eligible memory estimate with
# the exact folio walk on that memory (see damos_test_eligible_bytes_accuracy
# in mm/damon/tests/core-kunit.h).  Writes each layout's suite results to
# $DT_OUT/<layout>.txt, each node's span (its zones' first and last pfn)
# to spans.txt, and "layouts=N".
#
#   eligible-layouts-guest.sh LAYOUT_PROGRAM MIB NODE [LAYOUT...]
#
# LAYOUTs: random, periodic-thp, full and full-thp (the default: all four).
set -u
prog=$1 mib=$2 node=$3
shift 3
layouts=("$@")
[ ${#layouts[@]} -gt 0 ] || layouts=(random periodic-thp full full-thp)
run=/sys/kernel/debug/kunit/damon-eligible/run
[ -e "$run" ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
awk '$1 == "Node" { nid = $2 + 0 }
	$1 == "spanned" && $2 > 0 { sp = $2 }
	$1 == "start_pfn:" && sp { s = $2; e = s + sp
		if (!(nid in lo) || s < lo[nid]) lo[nid] = s
		if (e > hi[nid]) hi[nid] = e; sp = 0 }
	END { for (n in lo) printf "node%d=%d %d\n", n, lo[n], hi[n] }' /proc/zoneinfo |
	sort > "$DT_OUT/spans.txt"
n=0
for layout in "${layouts[@]}"; do
	case $layout in
	random) args=(--drop random) ;;
	periodic-thp) args=(--drop periodic --thp) ;;
	full) args=(--drop none) ;;
	full-thp) args=(--drop none --thp) ;;
	*) echo "unknown layout $layout" >&2; exit 2 ;;
	esac
	"$prog" --mib "$mib" --node "$node" --seed 1 "${args[@]}" > "$DT_OUT/$layout.layout" 2>&1 &
	pid=$!
	for _ in $(seq 900); do
		grep -q '^ready' "$DT_OUT/$layout.layout" 2>/dev/null && break
		kill -0 $pid 2>/dev/null || break
		sleep 1
	done
	{ grep -E 'MemUsed|MemFree|AnonHugePages|FilePages' "/sys/devices/system/node/node$node/meminfo"; } \
		> "$DT_OUT/$layout.meminfo" 2>&1
	echo 1 > "$run"
	cat /sys/kernel/debug/kunit/damon-eligible/results > "$DT_OUT/$layout.txt"
	kill $pid
	wait $pid 2>/dev/null
	n=$((n + 1))
done
echo "layouts=$n" > "$DT_OUT/layouts.txt"
