#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build a kernel variant out of tree, incrementally, through ccache.
#
#   scripts/build.sh [VARIANT] [MAKE ARGS...]
#
# VARIANT is "guest" (default), "debug" (guest plus KASAN, kmemleak,
# lockdep, UBSAN, ...), or one of the check variants that build only
# mm/damon/ in other configurations: "check" (the guest's), "nonuma",
# "nosysfs" and "noperf" (x86 always selects PERF_EVENTS, so that one is
# an arm64 cross build).  With no MAKE ARGS, guest and debug build bzImage and
# vmlinux; check variants build mm/damon/.
. "$(dirname "$0")/lib.sh"

variant=${1:-guest}
[ $# -gt 0 ] && shift
obj=$(dt_variant_dir "$variant")
arch=x86_64
fragments=("$DT_TOP/config/guest.config")
extra=""
case "$variant" in
guest) ;;
debug) fragments+=("$DT_TOP/config/debug.config") ;;
check) extra="# CONFIG_DEBUG_INFO_DWARF5 is not set" ;;
nonuma) extra=$'# CONFIG_DEBUG_INFO_DWARF5 is not set\n# CONFIG_NUMA is not set' ;;
nosysfs) extra=$'# CONFIG_DEBUG_INFO_DWARF5 is not set\n# CONFIG_DAMON_SYSFS is not set' ;;
noperf) arch=arm64; fragments=("$DT_TOP/config/arm64-noperf.config") ;;
*) dt_die "unknown variant '$variant'" ;;
esac
case "$variant" in
guest | debug) [ $# -gt 0 ] || set -- bzImage vmlinux ;;
*) [ $# -gt 0 ] || set -- mm/damon/ ;;
esac

[ -d "$DT_SRC/.git" ] || dt_die "no prepared tree; run ./run prepare"
mkdir -p "$obj"
kmake() {
	local cross=""
	[ "$arch" = arm64 ] && cross=aarch64-linux-gnu-
	make -s -C "$DT_SRC" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" \
		CC="ccache ${cross}gcc" HOSTCC="ccache gcc" \
		KBUILD_BUILD_USER=damon-tier KBUILD_BUILD_HOST=build "$@"
}

# (Re)generate .config when the fragments or the tree's Kconfig files (by
# the last commit that touched one) changed: make's own syncconfig would
# leave a symbol that a later commit adds unset.
kconfig_commit=$(git -C "$DT_SRC" log -1 --format=%H -- '*Kconfig*' 2>/dev/null || true)
stamp=$( { cat "${fragments[@]}"; echo "$extra"; echo "$arch"; echo "$kconfig_commit"; } |
	sha256sum | cut -c1-16)
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.dt-config-stamp" 2>/dev/null)" != "$stamp" ]; then
	dt_log "configuring $variant"
	frag=$obj/.dt-fragment
	{ cat "${fragments[@]}"; echo "$extra"; } > "$frag"
	{
		kmake tinyconfig
		"$DT_SRC/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$frag"
		kmake olddefconfig
	} > "$obj/.dt-config.log" 2>&1 || { cat "$obj/.dt-config.log" >&2; dt_die "configuring $variant failed"; }
	# every line that configures the variant must have landed: a typo or
	# a missing dependency would otherwise silently drop an option (for
	# the check variants, only their own lines: they turn off what other
	# options of the guest depend on)
	if [ -n "$extra" ]; then wanted=$extra; else wanted=$(cat "$frag"); fi
	# DT_CONFIG_PARTIAL=1 (the build layer, for the commits before the
	# last): lines of symbols that the tree does not define yet are skipped
	defined=
	[ "${DT_CONFIG_PARTIAL:-0}" = 1 ] &&
		defined=$(grep -rhE --include='Kconfig*' '^(menu)?config [A-Z0-9_]+' "$DT_SRC" |
			awk '{ print "CONFIG_" $2 }' | sort -u)
	bad=0
	while read -r line; do
		if [ -n "$defined" ]; then
			sym=${line#\# }; sym=${sym%%=*}; sym=${sym%% *}
			grep -qxF "$sym" <<<"$defined" || continue
		fi
		case "$line" in
		CONFIG_*=*)
			grep -qxF "$line" "$obj/.config" || { echo "  wanted $line, got: $(grep "^${line%%=*}=" "$obj/.config" || echo unset)" >&2; bad=1; } ;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }; sym=${sym%% *}
			! grep -q "^$sym=" "$obj/.config" || { echo "  wanted $sym unset, got: $(grep "^$sym=" "$obj/.config")" >&2; bad=1; } ;;
		esac
	done < <(tac <<<"$wanted" | awk '{ k = $0; sub(/=.*/, "", k); sub(/^# /, "", k); sub(/ is not set$/, "", k) } !seen[k]++')
	[ $bad = 0 ] || dt_die "the $variant configuration did not take the fragment"
	echo "$stamp" > "$obj/.dt-config-stamp"
fi

dt_log "building $variant: $*"
kmake -j"$DT_JOBS" "$@"
