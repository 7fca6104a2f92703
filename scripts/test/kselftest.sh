#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Layer "kselftest": the kernel's DAMON kselftests (tools/testing/
# selftests/damon of the prepared tree, so the series' own tests too),
# installed into the VM share and run inside the tiered VM; each test
# reported by name, a skip with the reason the test printed.
#
#   scripts/test/kselftest.sh [TEST...]   only these tests (file names)
. "$(dirname "$0")/../lib.sh"
. "$DT_TOP/scripts/test/common.sh"

out=$DT_TESTDIR/kselftest
inst=$DT_BUILD/vm/kselftest
rm -rf "$out" "$inst"
mkdir -p "$out" "$inst"
make -s -C "$DT_SRC/tools/testing/selftests" O="$DT_OBJ/kselftest" TARGETS=damon \
	INSTALL_PATH="$inst" install > "$out/install.log" 2>&1 ||
	{ tail -20 "$out/install.log"; dt_result FAIL kselftest "build and install"; exit 1; }

args=()
for t in "$@"; do args+=(-t "damon:$t"); done
set +e
DT_VM_QUIET=1 DT_VM_TIMEOUT=${DT_KSELFTEST_TIMEOUT:-2400} "$DT_TOP/scripts/vm.sh" \
	bash -c 'cd "$0" && ./run_kselftest.sh -f -o 1200 -p "$DT_OUT/logs" "$@" > "$DT_OUT/tap.txt" 2>&1' \
	"$inst" "${args[@]}"
vmrc=$?
set -e
cp -r "$DT_BUILD/vm/last/." "$out/"
if [ ! -f "$out/tap.txt" ]; then
	dt_result FAIL kselftest "run inside the VM (exit $vmrc; console: $out/console.log)"
	exit 1
fi

rc=0
while read -r line; do
	name=${line#*selftests: damon: }
	name=${name%% *}
	case "$line" in
	"not ok "*)
		tail -15 "$out/logs/$name" 2>/dev/null | sed 's/^/    /'
		dt_result FAIL kselftest "$name (${line##*# })"
		rc=1 ;;
	*"# SKIP"*)
		reason=$(grep -v '^#\|^$' "$out/logs/$name" 2>/dev/null | tail -n1)
		dt_result SKIP kselftest "$name" "${reason:-no reason printed}" ;;
	ok*)
		dt_result PASS kselftest "$name" ;;
	esac
done < <(grep -E '^(not )?ok [0-9]+ selftests: damon: ' "$out/tap.txt")
if ! grep -qE '^(not )?ok [0-9]+ selftests: damon: ' "$out/tap.txt"; then
	dt_result FAIL kselftest "no test ran (see $out/tap.txt)"
	rc=1
fi
if [ $vmrc != 0 ]; then
	dt_result FAIL kselftest "guest exited cleanly after the tests (exit $vmrc)"
	rc=1
fi
exit $rc
