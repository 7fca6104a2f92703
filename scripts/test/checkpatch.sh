#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Layer "checkpatch": checkpatch.pl --strict on every patch of the series
# (--no-signoff: the sender adds the sign-off).  Errors fail; warnings and
# checks are listed, and each must be justified in the cover letter.
. "$(dirname "$0")/../lib.sh"
. "$DT_TOP/scripts/queue.sh"
. "$DT_TOP/scripts/test/common.sh"

[ -d "$DT_SRC/.git" ] || "$DT_TOP/scripts/prepare.sh"
patches=$(dt_series)
if [ -z "$patches" ]; then
	dt_result SKIP checkpatch "series" "the series is empty"
	exit 0
fi
rc=0
while read -r p; do
	out=$(cd "$DT_SRC" && ./scripts/checkpatch.pl --strict --no-signoff --terse \
		--show-types "$p" 2>&1) || true
	errors=$(grep -c ': ERROR:' <<<"$out" || true)
	others=$(grep -E ': (WARNING|CHECK):' <<<"$out" || true)
	[ -n "$others" ] && sed "s|^|  $(basename "$p"): |" <<<"$others"
	if [ "$errors" = 0 ]; then
		dt_result PASS checkpatch "$(basename "$p") ($(grep -c . <<<"$others" || true) warnings/checks)"
	else
		grep ': ERROR:' <<<"$out" | sed 's/^/  /'
		dt_result FAIL checkpatch "$(basename "$p") ($errors errors)"
		rc=1
	fi
done <<<"$patches"
exit $rc
