#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Layer "build": every patch of the series builds (guest configuration,
# incrementally, in order, so the series is bisectable), the final tree
# being the one the VM layers boot; then the final mm/damon/ builds clean
# under W=1 and sparse in the guest configuration and with
# CONFIG_NUMA=n, CONFIG_DAMON_SYSFS=n and CONFIG_PERF_EVENTS=n.
. "$(dirname "$0")/../lib.sh"
. "$DT_TOP/scripts/test/common.sh"

[ -d "$DT_SRC/.git" ] || "$DT_TOP/scripts/prepare.sh"
logdir=$DT_TESTDIR/build
mkdir -p "$logdir"
variant=$(dt_guest_variant)
rc=0

branch=$(git -C "$DT_SRC" symbolic-ref -q --short HEAD) || dt_die "$DT_SRC: HEAD is detached"
[ -z "$(git -C "$DT_SRC" status --porcelain --untracked-files=no)" ] ||
	dt_die "$DT_SRC has uncommitted changes"
trap 'git -C "$DT_SRC" checkout -q "$branch"' EXIT

commits=$(git -C "$DT_SRC" rev-list --reverse "$DT_BASE_TAG..$branch")
[ -n "$commits" ] || commits=$(git -C "$DT_SRC" rev-parse "$branch")
total=$(wc -l <<<"$commits")
i=0
for c in $commits; do
	i=$((i + 1))
	name="$i/$total $(git -C "$DT_SRC" log -1 --format=%s "$c") ($variant)"
	git -C "$DT_SRC" checkout -q --detach "$c"
	# the configuration may name symbols that only later commits add
	partial=0
	[ "$i" -lt "$total" ] && partial=1
	if DT_CONFIG_PARTIAL=$partial "$DT_TOP/scripts/build.sh" "$variant" \
		> "$logdir/patch-$i.log" 2>&1; then
		dt_result PASS build "$name"
	else
		tail -40 "$logdir/patch-$i.log"
		dt_result FAIL build "$name"
		rc=1
		break
	fi
done
git -C "$DT_SRC" checkout -q "$branch"
trap - EXIT
[ $rc = 0 ] || exit $rc

sparse=$("$DT_TOP/scripts/sparse.sh")
for v in check nonuma nosysfs noperf; do
	log=$logdir/$v.log
	obj=$(dt_variant_dir "$v")
	# rebuild mm/damon/ every time so that W=1 and sparse see every file
	rm -f "$obj"/mm/damon/*.o "$obj"/mm/damon/.*.o.cmd 2>/dev/null || true
	# prepare without the checker (with W=1, as below, so that it is not
	# rebuilt); C=1 then checks what is recompiled: all of mm/damon/
	if "$DT_TOP/scripts/build.sh" "$v" W=1 prepare > "$log.prepare" 2>&1 &&
	   "$DT_TOP/scripts/build.sh" "$v" W=1 C=1 CHECK="$sparse" mm/damon/ > "$log" 2>&1 &&
	   ! grep -E 'warning:|error:|: note:' "$log" | grep -q .; then
		dt_result PASS build "mm/damon/ W=1 C=1 ($v)"
	else
		grep -E 'warning:|error:' "$log.prepare" "$log" | head -40
		tail -n 5 "$log.prepare" "$log"
		dt_result FAIL build "mm/damon/ W=1 C=1 ($v)"
		rc=1
	fi
done
exit $rc
