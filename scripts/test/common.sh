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

# dt_splats DIR: the number of lines that report a kernel warning or error
# (WARN, BUG, KASAN, UBSAN, lockdep, kmemleak, hung task) in the console log,
# the dmesg.txt and the kmemleak.txt (the debug kernel's scan at the end) of
# the VM run kept in DIR
dt_splats() {
	cat "$1/console.log" "$1/dmesg.txt" "$1/kmemleak.txt" 2>/dev/null |
		grep -cE 'WARNING:|BUG:|Oops|UBSAN|KASAN|suspected memory leak|unreferenced object|possible (circular|recursive) locking|blocked for more than|general protection' ||
		true
}
