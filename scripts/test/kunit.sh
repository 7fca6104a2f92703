#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Layer "kunit": every DAMON KUnit suite, built into the guest kernel and
# run at boot in the tiered VM (kunit.enable=1), parsed with the kernel's
# own kunit.py; each case counted.
. "$(dirname "$0")/../lib.sh"
. "$DT_TOP/scripts/test/common.sh"

out=$DT_TESTDIR/kunit
mkdir -p "$out"
rm -f "$out"/*
set +e
DT_VM_QUIET=1 DT_VM_TIMEOUT=${DT_KUNIT_TIMEOUT:-600} \
	DT_VM_APPEND="kunit.enable=1 kunit.filter_glob=damon* loglevel=7 ${DT_VM_APPEND:-}" \
	"$DT_TOP/scripts/vm.sh" true
vmrc=$?
set -e
cp "$DT_BUILD/vm/last/console.log" "$out/console.log"
cp "$DT_BUILD/vm/last/dmesg.txt" "$out/dmesg.txt" 2>/dev/null || true
python3 "$DT_SRC/tools/testing/kunit/kunit.py" parse --json="$out/results.json" \
	"$out/console.log" > "$out/parse.txt" 2>&1 || true
grep -E '\[(PASSED|FAILED|SKIPPED|CRASHED)\]|Testing complete' "$out/parse.txt" | sed 's/^/  /' | tail -60

# one result line per case, from kunit.py's JSON
python3 - "$out/results.json" > "$out/cases" <<'PY' || true
import json, sys
def walk(group, path):
    for case in group.get("test_cases", []):
        yield path + [case["name"]], case["status"]
    for sub in group.get("sub_groups", []):
        yield from walk(sub, path + [sub["name"]])
try:
    data = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(1)
for names, status in walk(data, []):
    print(status, ".".join(names))
PY
if [ ! -s "$out/cases" ]; then
	dt_result FAIL kunit "no KUnit results in the console log (vm exit $vmrc): $out/console.log"
	exit 1
fi
rc=0
while read -r status name; do
	case "$status" in
	PASS) dt_result PASS kunit "$name" >/dev/null ;;
	SKIP | SKIPPED) dt_result SKIP kunit "$name" "skipped by the test (see the console log)" ;;
	*) dt_result FAIL kunit "$name ($status)"; rc=1 ;;
	esac
done < "$out/cases"
echo "  $(grep -c '^PASS' "$out/cases") KUnit cases passed of $(wc -l < "$out/cases")"
if [ $vmrc != 0 ]; then
	dt_result FAIL kunit "guest exited cleanly after the tests (exit $vmrc)"
	rc=1
fi
splat=$(dt_splats "$out")
if [ "$splat" != 0 ]; then
	dt_result FAIL kunit "kernel log: $splat lines of warnings or errors ($out/dmesg.txt)"
	rc=1
fi
exit $rc
