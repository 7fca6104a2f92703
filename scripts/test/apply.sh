#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Layer "apply": the series applies to the base with git am, and exporting
# the prepared tree gives back exactly patches/.
. "$(dirname "$0")/../lib.sh"
. "$DT_TOP/scripts/queue.sh"
. "$DT_TOP/scripts/test/common.sh"

n=$(dt_series | wc -l)
if ! "$DT_TOP/scripts/prepare.sh"; then
	dt_result FAIL apply "series ($n patches) applies to $DT_BASE_TAG"
	exit 1
fi
dt_result PASS apply "series ($n patches) applies to $DT_BASE_TAG"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DT_TOP/scripts/export.sh" "$tmp" 2>/dev/null
(cd "$DT_PATCHES" && ls -1 series [0-9][0-9][0-9][0-9]-*.patch 2>/dev/null || true) > "$tmp/.stored"
(cd "$tmp" && ls -1 series [0-9][0-9][0-9][0-9]-*.patch 2>/dev/null || true) > "$tmp/.exported"
ok=1
diff -u "$tmp/.stored" "$tmp/.exported" || ok=0
while read -r f; do
	cmp -s "$DT_PATCHES/$f" "$tmp/$f" || { diff -u "$DT_PATCHES/$f" "$tmp/$f" | head -40; ok=0; }
done < "$tmp/.stored"
if [ $ok = 1 ]; then
	dt_result PASS apply "prepare then export is a no-op"
else
	dt_result FAIL apply "prepare then export is a no-op"
	exit 1
fi
