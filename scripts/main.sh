#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job: build the patched kernel, boot it on the emulated tiered
# machine with damon_tier.enabled=Y on the command line, and show DAMON_TIER
# at work on a workload whose 512 MiB hot set starts on the slow node and
# whose 1.5 GiB of cold data fills the fast node; then a summary and a plot
# (build/main/tiering.png).  DT_MAIN_SECONDS sets how long (90).
. "$(dirname "$0")/lib.sh"

seconds=${DT_MAIN_SECONDS:-90}
[[ $seconds =~ ^[1-9][0-9]*$ ]] || dt_die "DT_MAIN_SECONDS must be a number of seconds"
"$DT_TOP/scripts/deps.sh"
"$DT_TOP/scripts/prepare.sh"
"$DT_TOP/scripts/build.sh" "$(dt_guest_variant)"
mkdir -p "$DT_BUILD/bin" "$DT_BUILD/main"
gcc -O2 -Wall -o "$DT_BUILD/bin/hotcold" "$DT_TOP/tools/hotcold.c"
DT_VM_QUIET=1 DT_VM_FOLLOW=tier.txt DT_VM_APPEND="damon_tier.enabled=Y" \
	"$DT_TOP/scripts/vm.sh" "$DT_TOP/scripts/tier-guest.sh" "$DT_BUILD/bin/hotcold" \
	damon_tier "$seconds" 512 1536 && rc=0 || rc=$?
cp "$DT_BUILD/vm/last/"{tier.txt,tier.dat,summary.txt} "$DT_BUILD/main/" 2>/dev/null || true
if [ $rc = 0 ]; then
	"$DT_TOP/scripts/tier-plot.sh" "$DT_BUILD/main/tier.dat" "$DT_BUILD/main/tiering.png" \
		"DAMON_TIER, defaults: 512 MiB hot set from the slow node, 1.5 GiB cold data on the fast node"
	echo "plot: $DT_BUILD/main/tiering.png"
else
	echo "the guest failed (exit $rc); console: $DT_BUILD/vm/last/console.log" >&2
fi
exit $rc
