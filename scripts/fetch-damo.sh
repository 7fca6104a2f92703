#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch damo, DAMON's user-space tool, from Debian (sid, where 3.4.1, the
# version that speaks the sample/ sysfs directory, is), through the
# project's private apt configuration, and unpack it once into the cache.
# Prints the directory to put on PYTHONPATH (damo is pure Python).
#
#   scripts/fetch-damo.sh      DT_DAMO_VERSION=3.4.1-1 by default
. "$(dirname "$0")/lib.sh"
. "$DT_TOP/scripts/apt-private.sh"

version=${DT_DAMO_VERSION:-3.4.1-1}
dir=$DT_CACHE/damo-$version
if [ ! -f "$dir/.unpacked" ]; then
	dt_private_apt sid "deb [signed-by=$DT_KEYRING] $(dt_mirror_uri) sid main"
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get "${DT_APTOPTS[@]}" -qq download "damo=$version") >&2 ||
		{ rm -rf "$tmp"; dt_die "damo $version is not in Debian sid any more; set DT_DAMO_VERSION"; }
	rm -rf "$dir"
	mkdir -p "$dir"
	dpkg-deb -x "$tmp"/damo_*.deb "$dir"
	rm -rf "$tmp"
	touch "$dir/.unpacked"
fi
echo "$dir/usr/lib/python3/dist-packages"
