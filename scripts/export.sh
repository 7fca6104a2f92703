#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Write the prepared tree's commits since the base back into patches/:
# one format-patch file per commit, with stable names and contents (no
# commit ids, no git version signature, blob ids in index lines abbreviated
# to a fixed 12 digits: git's automatic length depends on how many objects
# the repository holds, so a fresh tree would export other lines), and the
# series file.
#
#   scripts/export.sh [DIR]     write into DIR instead of patches/
. "$(dirname "$0")/lib.sh"

dest=${1:-$DT_PATCHES}
[ -d "$DT_SRC/.git" ] || dt_die "no prepared tree; run ./run prepare"
[ -z "$(git -C "$DT_SRC" status --porcelain --untracked-files=no)" ] ||
	dt_die "$DT_SRC has uncommitted changes: commit them first"

mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$DT_SRC" -c core.abbrev=12 format-patch -q --zero-commit --no-signature --no-numbered \
	--subject-prefix=PATCH -o "$tmp" "$DT_BASE_TAG..HEAD"
{
	echo "# The series, in order; applied by scripts/prepare.sh with git am."
	echo "# Written by scripts/export.sh: edit the commits, not this file."
	(cd "$tmp" && ls -1 -- *.patch 2>/dev/null || true)
} > "$tmp/series"
rm -f "$dest"/[0-9][0-9][0-9][0-9]-*.patch
cp "$tmp"/*.patch "$dest"/ 2>/dev/null || true
cp "$tmp/series" "$dest/series"
dt_log "exported $(grep -vc '^#' "$dest/series" || true) patches to $dest"
