#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job: build the patched kernel, boot it on the emulated tiered
# machine, and show tiering at work.
. "$(dirname "$0")/lib.sh"

"$DT_TOP/scripts/deps.sh"
"$DT_TOP/scripts/prepare.sh"
"$DT_TOP/scripts/build.sh" "$(dt_guest_variant)"
mkdir -p "$DT_BUILD/bin"
gcc -O2 -Wall -o "$DT_BUILD/bin/hotcold" "$DT_TOP/tools/hotcold.c"
DT_VM_QUIET=1 "$DT_TOP/scripts/vm.sh" "$DT_TOP/scripts/demo-guest.sh" "$DT_BUILD/bin/hotcold" &&
	rc=0 || rc=$?
cat "$DT_BUILD/vm/last/demo.txt" 2>/dev/null || true
exit $rc
