# SPDX-License-Identifier: GPL-2.0
# Result recording for the test layers.  Sourced after lib.sh.
#
# Each layer appends one line per test to $DT_RESULTS:
#   PASS <layer>: <name>
#   FAIL <layer>: <name>
#   SKIP <layer>: <name> # <reason>
# and scripts/test.sh counts them.

DT_TESTDIR=${DT_TESTDIR:-$DT_BUILD/test}
DT_RESULTS=${DT_RESULTS:-$DT_TESTDIR/results}
mkdir -p "$DT_TESTDIR"
touch "$DT_RESULTS"

# dt_result STATUS LAYER NAME [REASON]
dt_result() {
	local line="$1 $2: $3"
	[ -n "${4:-}" ] && line+=" # $4"
	echo "$line" >> "$DT_RESULTS"
	echo "$line"
}
