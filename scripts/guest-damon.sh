# SPDX-License-Identifier: GPL-2.0
# Sourced by guest-side scripts: DAMON sysfs helpers.

# dt_damon_one_ctx OPS: one kdamond with one context of operations set OPS
# and one target; sets $kd and $ctx to their sysfs directories.
dt_damon_one_ctx() {
	local damon=/sys/kernel/mm/damon/admin

	echo 1 > $damon/kdamonds/nr_kdamonds
	kd=$damon/kdamonds/0
	echo 1 > $kd/contexts/nr_contexts
	ctx=$kd/contexts/0
	echo "$1" > $ctx/operations
	echo 1 > $ctx/targets/nr_targets
}
