#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Robustness run: random and hostile input to every DAMON interface the
# series touches (the DAMON sysfs tree, the DAMON_TIER, DAMON_RECLAIM,
# DAMON_LRU_SORT and DAMON_STAT parameters, the kdamonds' state commands),
# with a workload running, in one boot of the tiered VM.  The guest side is
# scripts/scenario/robust-guest.py (its docstring lists the checks).
#
#   scripts/robust.sh [SECONDS] [SEED]     (./run robust)
#
# SECONDS (default 1800) is the time of random operations; SEED (default:
# random) replays a run: the seed is printed first and in the summary.
# Fault injection (failslab and fail_page_alloc on the writing task and its
# kdamond) and the kmemleak scan at the end are always asked for; both the
# guest and the debug kernel have them (a kernel without them gets a note
# instead).  DT_DEBUG=1 boots the debug kernel (KASAN, kmemleak, lockdep,
# UBSAN, fault injection), where the run is several times slower per
# operation.
#
# Environment: DT_ROBUST_ARGS (extra exerciser arguments, e.g.
# --unbounded-waits or --verbose), DT_ROBUST_OUT (where the results are
# copied, default $DT_BUILD/robust), and the DT_VM_* machine settings.
# Exit status: 0 when the exerciser found nothing and the kernel log has no
# splat, 1 otherwise.
. "$(dirname "$0")/lib.sh"

seconds=${1:-1800}
seed=${2:-}
[[ $seconds =~ ^[0-9]+$ ]] || dt_die "usage: $0 [SECONDS] [SEED]"
[ -z "$seed" ] || [[ $seed =~ ^[0-9]+$ ]] || dt_die "SEED must be a number"
out=${DT_ROBUST_OUT:-$DT_BUILD/robust}

mkdir -p "$DT_BUILD/bin"
gcc -O2 -Wall -o "$DT_BUILD/bin/hotcold" "$DT_TOP/tools/hotcold.c"

# per-operation guard: KASAN and lockdep under TCG are several times slower
op_timeout=60
[ "${DT_DEBUG:-0}" = 1 ] && op_timeout=180
args=(--hotcold "$DT_BUILD/bin/hotcold" --seconds "$seconds" --faults --kmemleak
      --op-timeout "$op_timeout" --progress 30)
[ -n "$seed" ] && args+=(--seed "$seed")
# shellcheck disable=SC2206
args+=(${DT_ROBUST_ARGS:-})

dt_log "robust: $seconds s of random operations on the $(dt_guest_variant) kernel"
set +e
# room for a last operation that is a walk (up to five operation timeouts)
vm_timeout=$((seconds * 2 + 900))
[ $vm_timeout -ge $((seconds + 6 * op_timeout + 300)) ] || vm_timeout=$((seconds + 6 * op_timeout + 300))
DT_VM_FOLLOW=robust.txt DT_VM_TIMEOUT=${DT_VM_TIMEOUT:-$vm_timeout} \
	"$DT_TOP/scripts/vm.sh" python3 "$DT_TOP/scripts/scenario/robust-guest.py" "${args[@]}"
vmrc=$?
set -e
rm -rf "${out:?}"
cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out"
# dmesg.txt holds every level; the console only what loglevel=4 shows
splat=$(cat "$out/console.log" "$out/dmesg.txt" 2>/dev/null |
	grep -cE 'WARNING:|BUG:|Oops|UBSAN|KASAN|suspected memory leak|possible (circular|recursive) locking|blocked for more than|general protection' || true)
echo "robust: exerciser exit $vmrc, $splat splat lines in the kernel log; results in $out"
[ "$vmrc" = 0 ] && [ "$splat" = 0 ]
