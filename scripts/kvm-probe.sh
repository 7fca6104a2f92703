#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the guest under KVM once, briefly.  Records "works" or "fails" in
# $DT_BUILD/vm/kvm-probe, which DT_VM_ACCEL=auto reads.  On the machines
# this project was developed on, /dev/kvm is a nested backend on which a
# KVM guest hangs in the decompressor: expect "fails".
. "$(dirname "$0")/lib.sh"

mkdir -p "$DT_BUILD/vm"
res=fails
if [ -w /dev/kvm ] &&
   DT_VM_ACCEL=kvm DT_VM_QUIET=1 DT_VM_TIMEOUT=${DT_KVM_PROBE_TIMEOUT:-60} \
	"$DT_TOP/scripts/vm.sh" true; then
	res=works
fi
echo "$res" > "$DT_BUILD/vm/kvm-probe"
echo "kvm: $res"
