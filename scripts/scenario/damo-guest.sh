#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest side of the damo scenario (scripts/test/scenario.sh): damo 3.4.1,
# which writes and reads monitoring_attrs/sample/ whenever it exists,
# starts, reports on and stops DAMON on the patched kernel, for the
# physical address space and for a process.
#
#   damo-guest.sh DAMO_PYTHONPATH HOTCOLD
set -euo pipefail
export PYTHONPATH=$1
hotcold=$2
damo() {
	echo "\$ damo $*"
	python3 -c 'import sys; from damo.damo import main; sys.argv[0] = "damo"; sys.exit(main())' "$@"
}

damo version
damo start --ops paddr
sleep 3
damo report damon > "$DT_OUT/status-paddr.txt"
grep -q page_table "$DT_OUT/status-paddr.txt" || echo "damo report damon shows no sample control"
damo report access | tail -15
damo stop

"$hotcold" --hot 64 --cold 64 --seconds 60 > /dev/null 2>&1 &
wl=$!
sleep 2
damo start $wl
sleep 3
damo report access | tail -10
damo stop
kill $wl
echo "damo: all commands succeeded"
