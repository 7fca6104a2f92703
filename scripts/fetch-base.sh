#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch the pinned base and leave a verified linux-source tarball in the
# cache.  Prints the tarball's path on stdout.
#
# Sources, in order of preference:
#   DT_BASE_TARBALL=/path/linux-7.3.4.tar.{xz,gz}  a user-supplied upstream tarball
#   DT_BASE_TREE=/path/linux-7.3.4                 a user-supplied upstream tree
#   otherwise Debian's linux-source-7.3 package, version DT_BASE_VERSION
#   (pinned to 7.3.4-1~bpo13+1), from the suite DT_BASE_SUITE of the
#   mirror this machine's apt already uses, through a private apt
#   configuration that leaves the system's sources alone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/apt-private.sh"

if [ -n "${DT_BASE_TREE:-}" ]; then
	[ -f "$DT_BASE_TREE/Makefile" ] || dt_die "DT_BASE_TREE=$DT_BASE_TREE is not a kernel tree"
	echo "$DT_BASE_TREE"
	exit 0
fi
if [ -n "${DT_BASE_TARBALL:-}" ]; then
	[ -f "$DT_BASE_TARBALL" ] || dt_die "DT_BASE_TARBALL=$DT_BASE_TARBALL does not exist"
	echo "$DT_BASE_TARBALL"
	exit 0
fi

mkdir -p "$DT_CACHE"
deb=$DT_CACHE/${DT_BASE_PKG}_${DT_BASE_VERSION}_all.deb
tarball=$DT_CACHE/${DT_BASE_PKG}_${DT_BASE_VERSION}.tar.xz

# The sums are pinned for the pinned version only; another version must
# bring its own (DT_BASE_DEB_SHA256, DT_BASE_TAR_SHA256) or go unchecked.
if [ "$DT_BASE_VERSION" = "$DT_BASE_VERSION_PINNED" ]; then
	deb_sum=${DT_BASE_DEB_SHA256:-$DT_BASE_DEB_SHA256_PINNED}
	tar_sum=${DT_BASE_TAR_SHA256:-$DT_BASE_TAR_SHA256_PINNED}
else
	deb_sum=${DT_BASE_DEB_SHA256:-}
	tar_sum=${DT_BASE_TAR_SHA256:-}
	dt_log "warning: DT_BASE_VERSION=$DT_BASE_VERSION overrides the pin; sums checked only if given"
fi

# check_sum FILE SUM: true if SUM is empty or matches FILE.
check_sum() {
	[ -z "$2" ] && return 0
	[ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]
}

if [ -f "$tarball" ] && check_sum "$tarball" "$tar_sum"; then
	echo "$tarball"
	exit 0
fi

if [ ! -f "$deb" ] || ! check_sum "$deb" "$deb_sum"; then
	uri=$(dt_mirror_uri)
	dt_private_apt base "deb [signed-by=$DT_KEYRING] $uri $DT_BASE_SUITE main"
	dt_log "looking up $DT_BASE_PKG in $DT_BASE_SUITE of the machine's mirror"
	versions=$(apt-cache "${DT_APTOPTS[@]}" madison "$DT_BASE_PKG" 2>/dev/null |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }')
	if ! grep -qxF -- "$DT_BASE_VERSION" <<<"$versions"; then
		{
			echo "error: $DT_BASE_PKG $DT_BASE_VERSION is not in $DT_BASE_SUITE (any more)."
			echo "7.3.x versions on offer:"
			grep '^7\.3\.' <<<"$versions" | sed 's/^/  /' || echo "  (none)"
			echo "Set DT_BASE_VERSION to one of them (and DT_BASE_DEB_SHA256 /"
			echo "DT_BASE_TAR_SHA256 to its sums), or give an upstream tarball"
			echo "with DT_BASE_TARBALL."
		} >&2
		exit 1
	fi
	dt_log "downloading $DT_BASE_PKG $DT_BASE_VERSION"
	(cd "$DT_CACHE" && apt-get "${DT_APTOPTS[@]}" -qq download "$DT_BASE_PKG=$DT_BASE_VERSION")
	got=$(ls "$DT_CACHE/${DT_BASE_PKG}_"*"_all.deb" 2>/dev/null | grep -F -- "$(sed 's/:/%3a/' <<<"$DT_BASE_VERSION")" | head -n1)
	[ -n "$got" ] || dt_die "apt-get download left no .deb in $DT_CACHE"
	[ "$got" = "$deb" ] || mv "$got" "$deb"
	check_sum "$deb" "$deb_sum" || {
		rm -f "$deb"
		dt_die "sha256 of the downloaded $DT_BASE_PKG does not match the pin ($deb_sum)"
	}
fi

dt_log "extracting the source tarball from $(basename "$deb")"
dpkg-deb --fsys-tarfile "$deb" |
	tar -xO "./usr/src/$DT_BASE_PKG.tar.xz" > "$tarball.tmp"
check_sum "$tarball.tmp" "$tar_sum" || {
	rm -f "$tarball.tmp"
	dt_die "sha256 of $DT_BASE_PKG.tar.xz does not match the pin ($tar_sum)"
}
mv "$tarball.tmp" "$tarball"
echo "$tarball"
