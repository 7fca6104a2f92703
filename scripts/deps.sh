#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the project needs.  Cheap when they are there.
. "$(dirname "$0")/lib.sh"

DT_PACKAGES=(
	# kernel build
	build-essential flex bison bc libelf-dev libssl-dev dwarves ccache
	git rsync cpio xz-utils kmod python3 perl file
	# the CONFIG_PERF_EVENTS=n check builds mm/damon/ for arm64
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	# the tiered VM and what runs inside it
	qemu-system-x86 busybox-static python3-drgn procps
	# sparse is built from Debian's source package (scripts/sparse.sh)
	dpkg-dev
	# plots of the main job
	gnuplot-nox
)

missing=()
for p in "${DT_PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing+=("$p")
done
[ ${#missing[@]} = 0 ] && exit 0

dt_need_root
dt_log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
