#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the current kernel on the emulated tiered-memory machine, run a
# host command inside it, and return the command's exit status.
#
#   scripts/vm.sh CMD [ARGS...]
#
# The guest sees the host's root file system read-only, with the host's
# $DT_BUILD/vm writable at the same path ($DT_VM_SHARE); the command runs
# as root in the host's current directory with $DT_OUT set to a fresh
# writable directory of its own.  The console log is kept as
# $DT_OUT/console.log; $DT_BUILD/vm/last links to the last run's $DT_OUT.
#
# Machine, from the environment:
#   DT_VM_CPUS=2          vCPUs, all on node 0
#   DT_VM_FAST_MEM=2G     DRAM of node 0
#   DT_VM_SLOW_NODES=1    CPU-less slow nodes (1..3), nodes 1..N
#   DT_VM_SLOW_MEM=3G     memory of each slow node
#   DT_VM_DIMM=SIZE       a memory DIMM of node 0, plugged at boot and
#                         onlined by ACPI memory hotplug; QEMU puts it above
#                         all other memory, so node 0 spans the slow nodes
#   DT_VM_APPEND=...      extra kernel command line
#   DT_VM_TIMEOUT=1800    seconds before the guest is killed
#   DT_VM_ACCEL=tcg       tcg, kvm, or auto (kvm where scripts/kvm-probe.sh
#                         found that it works, else tcg)
#   DT_VM_CPU=...         TCG's CPU model (default max,-erms,-fsrm,-la57:
#                         with ERMS, glibc's memset uses `rep stosb`, which
#                         TCG runs an order of magnitude slower)
#   DT_VM_QUIET=1         do not stream the console to stdout
#   DT_VM_FOLLOW=NAME     stream the guest's file $DT_OUT/NAME to stdout
#   DT_DEBUG=1            boot the debug kernel
# Exit status: the command's; 124 when the guest timed out; 125 when it
# crashed or never ran the command.
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || dt_die "usage: $0 CMD [ARGS...]"

cpus=${DT_VM_CPUS:-2}
fast=${DT_VM_FAST_MEM:-2G}
slow=${DT_VM_SLOW_MEM:-3G}
nslow=${DT_VM_SLOW_NODES:-1}
timeout=${DT_VM_TIMEOUT:-1800}
accel=${DT_VM_ACCEL:-tcg}
variant=$(dt_guest_variant)
obj=$(dt_variant_dir "$variant")
kernel=$obj/arch/x86/boot/bzImage
[ -f "$kernel" ] || dt_die "no $variant kernel; run ./run build${DT_DEBUG:+ (DT_DEBUG=$DT_DEBUG)}"
[[ $nslow =~ ^[1-3]$ ]] || dt_die "DT_VM_SLOW_NODES must be 1, 2 or 3"
[[ $cpus =~ ^[1-8]$ ]] || dt_die "DT_VM_CPUS must be 1..8"

# mib SIZE: SIZE (512M, 2G, or MiB) in MiB
mib() {
	case "$1" in
	*G) echo $((${1%G} * 1024)) ;;
	*M) echo "${1%M}" ;;
	*) echo "$1" ;;
	esac
}
fast_mib=$(mib "$fast")
slow_mib=$(mib "$slow")
total=$((fast_mib + nslow * slow_mib))
memopt=(-m "${total}M")
dimm=()
if [ -n "${DT_VM_DIMM:-}" ]; then
	dimm_mib=$(mib "$DT_VM_DIMM")
	[[ $dimm_mib =~ ^[1-9][0-9]*$ ]] && [ $((dimm_mib % 128)) = 0 ] ||
		dt_die "DT_VM_DIMM must be a multiple of 128 MiB (a memory block)"
	memopt=(-m "${total}M,slots=1,maxmem=$((total + dimm_mib))M")
	dimm=(-object "memory-backend-ram,id=dimm0,size=${dimm_mib}M"
	      -device "pc-dimm,id=dimm0,memdev=dimm0,node=0")
fi

if [ "$accel" = auto ]; then
	if [ "$(cat "$DT_BUILD/vm/kvm-probe" 2>/dev/null)" = works ]; then accel=kvm; else accel=tcg; fi
fi
case "$accel" in
tcg) accelopt=(-accel tcg,thread=multi -cpu "${DT_VM_CPU:-max,-erms,-fsrm,-la57}") ;;
kvm) accelopt=(-accel kvm -cpu host) ;;
*) dt_die "DT_VM_ACCEL must be tcg, kvm or auto" ;;
esac

DT_VM_SHARE=$DT_BUILD/vm
mkdir -p "$DT_VM_SHARE"
# keep the 20 newest runs
{ ls -1dt "$DT_VM_SHARE"/run.* 2>/dev/null || true; } | tail -n +21 | xargs -r rm -rf
out=$(mktemp -d "$DT_VM_SHARE/run.XXXXXX")
log=$out/console.log
{
	echo "export DT_OUT=$(printf %q "$out") DT_VM_SHARE=$(printf %q "$DT_VM_SHARE")"
	echo "cd $(printf %q "$PWD") || exit 125"
	printf '%q ' "$@"
	echo
} > "$out/job.sh"

# node 0: CPUs and DRAM; nodes 1..N: CPU-less, slower and narrower (HMAT
# puts them in a lower memory tier and makes node 0 demote to them)
numa=(-object "memory-backend-ram,id=m0,size=${fast_mib}M"
      -numa "node,nodeid=0,memdev=m0,cpus=0-$((cpus - 1)),initiator=0")
hmat=(-numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-latency,latency=100
      -numa hmat-lb,initiator=0,target=0,hierarchy=memory,data-type=access-bandwidth,bandwidth=20G)
for i in $(seq 1 "$nslow"); do
	numa+=(-object "memory-backend-ram,id=m$i,size=${slow_mib}M"
	       -numa "node,nodeid=$i,memdev=m$i,initiator=0")
	hmat+=(-numa "hmat-lb,initiator=0,target=$i,hierarchy=memory,data-type=access-latency,latency=300"
	       -numa "hmat-lb,initiator=0,target=$i,hierarchy=memory,data-type=access-bandwidth,bandwidth=5G")
done

append="console=ttyS0 root=/dev/root rootfstype=9p"
append+=" rootflags=trans=virtio,version=9p2000.L,msize=512000,cache=loose ro"
append+=" init=$DT_TOP/scripts/guest-init i8042=off panic=-1 oops=panic loglevel=4"
append+=" dt.share=$DT_VM_SHARE dt.job=$out/job.sh dt.vmlinux=$obj/vmlinux"
# hotplugged memory goes online as a udev rule would online it
append+=" memhp_default_state=online"
append+=" ${DT_VM_APPEND:-}"

: > "$log"
if [ -n "${DT_VM_FOLLOW:-}" ]; then
	: > "$out/$DT_VM_FOLLOW"
	tail -n +1 -f "$out/$DT_VM_FOLLOW" &
	tailpid=$!
	trap 'kill $tailpid 2>/dev/null || true' EXIT
elif [ "${DT_VM_QUIET:-0}" != 1 ]; then
	tail -n +1 -f "$log" &
	tailpid=$!
	trap 'kill $tailpid 2>/dev/null || true' EXIT
fi
set +e
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-machine q35,hmat=on "${accelopt[@]}" -smp "$cpus" "${memopt[@]}" \
	"${numa[@]}" "${hmat[@]}" "${dimm[@]}" \
	-kernel "$kernel" -append "$append" \
	-display none -monitor none -serial "file:$log" -no-reboot \
	-fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=root,mount_tag=/dev/root \
	-fsdev "local,id=share,path=$DT_VM_SHARE,security_model=none" \
	-device virtio-9p-pci,fsdev=share,mount_tag=dtshare \
	</dev/null
qrc=$?
set -e
sleep 0.2
[ -n "${tailpid:-}" ] && kill "$tailpid" 2>/dev/null
cp "$log" "$DT_VM_SHARE/last-console.log"
ln -sfn "$out" "$DT_VM_SHARE/last"
if [ $qrc = 124 ]; then
	echo "vm: guest timed out after ${timeout}s; console: $log" >&2
	exit 124
fi
if [ ! -f "$out/rc" ]; then
	echo "vm: guest crashed or never ran the command (qemu exit $qrc); console: $log" >&2
	exit 125
fi
exit "$(cat "$out/rc")"
