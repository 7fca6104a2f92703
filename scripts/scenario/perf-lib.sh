# SPDX-License-Identifier: GPL-2.0
# Sourced by the guest sides of the perf scenarios: the DAMON sysfs paths of
# the first context, and helpers.  The caller sets $res, its result file.
admin=/sys/kernel/mm/damon/admin
k=$admin/kdamonds/0
c=$k/contexts/0
s=$c/monitoring_attrs/sample

# result KEY VALUE: a line of the result file
result() { echo "$1=$2" | tee -a "$res"; }

# node0_span: "START END", node 0's span in bytes, from /proc/zoneinfo
node0_span() {
	awk '
		/^Node/ { n = $2 + 0; spanned = 0 }
		n == 0 && $1 == "spanned" { spanned = $2 }
		n == 0 && $1 == "start_pfn:" && spanned > 0 {
			if (lo == "" || $2 < lo) lo = $2
			if ($2 + spanned > hi) hi = $2 + spanned
		}
		END { printf "%.0f %.0f\n", lo * 4096, hi * 4096 }' /proc/zoneinfo
}

# kmemleak_result: the number of leaks a kmemleak scan reports, as result
# leaks_reported, where the kernel has kmemleak
kmemleak_result() {
	[ -w /sys/kernel/debug/kmemleak ] || return 0
	echo scan > /sys/kernel/debug/kmemleak
	sleep 1
	echo scan > /sys/kernel/debug/kmemleak
	result leaks_reported "$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak || true)"
}
