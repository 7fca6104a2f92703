# SPDX-License-Identifier: GPL-2.0
# Helpers for the patch queue.  Sourced after lib.sh.

# dt_series: the patch files of the series, in order, as paths.
dt_series() {
	[ -f "$DT_PATCHES/series" ] || return 0
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$DT_PATCHES/series" |
		while read -r p; do
			if [ -n "$p" ]; then echo "$DT_PATCHES/$p"; fi
		done
}

# dt_series_ids: stable patch-ids of the stored series, one per line.
dt_series_ids() {
	local p
	dt_series | while read -r p; do
		git patch-id --stable < "$p" | cut -d' ' -f1
	done
}

# dt_tree_ids: stable patch-ids of the prepared tree's commits since the base.
dt_tree_ids() {
	local c
	for c in $(git -C "$DT_SRC" rev-list --reverse "$DT_BASE_TAG..HEAD"); do
		git -C "$DT_SRC" show --format= "$c" | git patch-id --stable | cut -d' ' -f1
	done
}

# dt_unexported: list work in the prepared tree that patches/ does not
# hold: uncommitted changes and commits whose change is not in a patch.
dt_unexported() {
	local known c id
	git -C "$DT_SRC" status --porcelain --untracked-files=no | sed 's/^/  uncommitted: /'
	known=$(dt_series_ids)
	for c in $(git -C "$DT_SRC" rev-list --reverse "$DT_BASE_TAG..HEAD"); do
		id=$(git -C "$DT_SRC" show --format= "$c" | git patch-id --stable | cut -d' ' -f1)
		grep -qxF "$id" <<<"$known" ||
			echo "  not exported: $(git -C "$DT_SRC" log -1 --format='%h %s' "$c")"
	done
}
