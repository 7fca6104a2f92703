#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Prepare the kernel tree: the base as one tagged commit, then the series
# applied with `git am`, one commit per patch.  Idempotent: a tree that
# already holds exactly the series is left alone, and a tree holding work
# that patches/ does not have is never overwritten (DT_FORCE=1 does).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/queue.sh"

# The base commit is made with a fixed identity and date so that every
# machine gets the same commit id for the same base: `--base` in mailed
# series then names something others can reproduce.
dt_base_commit() {
	GIT_AUTHOR_NAME="damon-tier base" GIT_AUTHOR_EMAIL="base@damon-tier.invalid" \
	GIT_COMMITTER_NAME="damon-tier base" GIT_COMMITTER_EMAIL="base@damon-tier.invalid" \
	GIT_AUTHOR_DATE="2026-11-15T00:00:00Z" GIT_COMMITTER_DATE="2026-11-15T00:00:00Z" \
		git -C "$DT_SRC" commit -q --no-verify -m "$1"
}

dt_make_base() {
	local src tmp
	src=$("$DT_TOP/scripts/fetch-base.sh")
	tmp=$DT_SRC.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp"
	dt_log "unpacking $(basename "$src")"
	if [ -d "$src" ]; then
		rsync -a --exclude=/.git "$src/" "$tmp/"
	else
		tar -xf "$src" -C "$tmp" --strip-components=1
	fi
	# Debian's linux-source appends a stanza that ignores every top-level
	# path of its packaging repository; upstream's .gitignore has none.
	awk '/^# Debian packaging: ignore everything/ { exit } { l[n++] = $0 }
	     END { while (n && l[n - 1] ~ /^#?$/) n--; for (i = 0; i < n; i++) print l[i] }' \
		"$tmp/.gitignore" > "$tmp/.gitignore.new"
	mv "$tmp/.gitignore.new" "$tmp/.gitignore"
	mv "$tmp" "$DT_SRC"
	git -C "$DT_SRC" init -q -b dt-series
	dt_log "committing the base (about a minute)"
	# -f: the tree ships dot-files that the kernel's own rules ignore
	git -C "$DT_SRC" add -A -f
	dt_base_commit "Linux 7.3.4 (Debian $DT_BASE_PKG $DT_BASE_VERSION)"
	git -C "$DT_SRC" tag "$DT_BASE_TAG"
}

mkdir -p "$DT_BUILD"
if ! git -C "$DT_SRC" rev-parse -q --verify "refs/tags/$DT_BASE_TAG" >/dev/null 2>&1; then
	[ -e "$DT_SRC" ] && { [ "${DT_FORCE:-0}" = 1 ] || dt_die "$DT_SRC exists but is no prepared tree; remove it"; }
	rm -rf "$DT_SRC"
	dt_make_base
fi

# committer identity for `git am` (authors come from the patches)
git -C "$DT_SRC" config user.email >/dev/null ||
	git -C "$DT_SRC" config user.email "prepare@damon-tier.invalid"
git -C "$DT_SRC" config user.name >/dev/null ||
	git -C "$DT_SRC" config user.name "damon-tier prepare"

if [ "$(dt_tree_ids)" = "$(dt_series_ids)" ] &&
   [ -z "$(git -C "$DT_SRC" status --porcelain --untracked-files=no)" ]; then
	dt_log "prepared tree already holds the series ($(dt_series | wc -l) patches)"
	exit 0
fi

if [ "${DT_FORCE:-0}" != 1 ]; then
	lost=$(dt_unexported)
	if [ -n "$lost" ]; then
		printf '%s\n' "error: $DT_SRC holds work that patches/ does not:" "$lost" \
			"Export it (./run export) or drop it with DT_FORCE=1." >&2
		exit 1
	fi
fi

dt_log "applying the series to $DT_BASE_TAG"
git -C "$DT_SRC" am --abort >/dev/null 2>&1 || true
git -C "$DT_SRC" checkout -q -f -B dt-series "$DT_BASE_TAG"
n=0
while read -r p; do
	[ -n "$p" ] || continue
	if ! git -C "$DT_SRC" am -q --keep-cr "$p" >&2; then
		git -C "$DT_SRC" am --abort >/dev/null 2>&1 || true
		dt_die "patch does not apply: $(basename "$p")"
	fi
	n=$((n + 1))
done < <(dt_series)
dt_log "applied $n patches on $DT_BASE_TAG"
