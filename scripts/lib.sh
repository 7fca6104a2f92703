# SPDX-License-Identifier: GPL-2.0
# Common settings for the project's scripts.  Sourced, never run.
#
# Every path and knob below can be overridden from the environment; the
# README lists the ones a user is expected to touch.

set -euo pipefail

DT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Downloads and tools built once per machine live outside the work tree so
# that a fresh clone (CI, a later session) reuses them.
DT_CACHE=${DT_CACHE:-/var/cache/damon-tier}
DT_BUILD=${DT_BUILD:-$DT_TOP/build}
DT_SRC=${DT_SRC:-$DT_BUILD/linux}
DT_OBJ=${DT_OBJ:-$DT_BUILD/obj}
DT_PATCHES=$DT_TOP/patches
DT_JOBS=${DT_JOBS:-$(($(nproc) + 1))}

# The pinned base (SPEC §0).
DT_BASE_PKG=linux-source-7.3
DT_BASE_VERSION_PINNED='7.3.4-1~bpo13+1'
DT_BASE_VERSION=${DT_BASE_VERSION:-$DT_BASE_VERSION_PINNED}
DT_BASE_DEB_SHA256_PINNED=703e369ddd4cce971452f5a593ee55df3a5c10c83caf0fa0df039633ed181ee3
DT_BASE_TAR_SHA256_PINNED=76df1affb19f24926949369be1d74b60071c963c598ce8780bddd4bbf0fc3bc4
DT_BASE_SUITE=${DT_BASE_SUITE:-trixie-backports}
DT_BASE_TAG=base-7.3.4

# ccache: one cache per machine; paths below the build directory are
# hashed relative to it so that every clone shares the hits.
export CCACHE_DIR=${CCACHE_DIR:-$DT_CACHE/ccache}
export CCACHE_BASEDIR=$DT_BUILD
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-10G}

dt_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
dt_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# dt_variant_dir VARIANT: the out-of-tree build directory of a kernel
# variant ("guest", "debug", or a check variant).
dt_variant_dir() { echo "$DT_OBJ/$1"; }

# The kernel variant the VM boots and tests use: DT_DEBUG=1 selects the
# debug build (KASAN, kmemleak, lockdep, UBSAN, ...).
dt_guest_variant() {
	if [ "${DT_DEBUG:-0}" = 1 ]; then echo debug; else echo guest; fi
}

dt_need_root() {
	[ "$(id -u)" = 0 ] || dt_die "run as root (or with sudo): packages are installed with apt"
}
