#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of a sparse that parses Linux 7.3, building it once per
# machine.  Debian 12's sparse 0.6.4 cannot parse 7.3 (__typeof_unqual__)
# and the kernel's `make C=1` then silently checks nothing; sid's
# 0.6.5~rc1 source package builds here in seconds.  DT_SPARSE overrides.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/apt-private.sh"

if [ -n "${DT_SPARSE:-}" ]; then
	echo "$DT_SPARSE"
	exit 0
fi
bin=$DT_CACHE/sparse/sparse
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

uri=$(dt_mirror_uri)
dt_private_apt sid-src "deb-src [signed-by=$DT_KEYRING] $uri sid main"
work=$DT_CACHE/sparse.build
rm -rf "$work"
mkdir -p "$work"
dt_log "building sparse from Debian's source package"
(cd "$work" && apt-get "${DT_APTOPTS[@]}" -qq source sparse >/dev/null 2>&1) ||
	dt_die "apt-get source sparse failed"
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'sparse-*' | head -n1)
[ -n "$src" ] || dt_die "no sparse source unpacked in $work"
make -C "$src" -j"$DT_JOBS" -s CC=gcc sparse >/dev/null
mkdir -p "$DT_CACHE/sparse"
cp "$src/sparse" "$bin.tmp"
mv "$bin.tmp" "$bin"
rm -rf "$work"
echo "$bin"
