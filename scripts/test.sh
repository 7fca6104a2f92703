#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the test layers and print the tally as the last line:
#   N passed, N failed[, N skipped]
#
#   scripts/test.sh [LAYER...]     default: all layers, in order
#
# Layers: apply checkpatch build kunit kselftest scenario.  A failing layer is
# named at the end and makes the command fail; the VM layers need the
# build layer's kernel and are not run when it failed.  DT_DEBUG=1 runs
# everything on the debug kernel.
. "$(dirname "$0")/lib.sh"

all=(apply checkpatch build kunit kselftest scenario)
layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=("${all[@]}")
for l in "${layers[@]}"; do
	[ -x "$DT_TOP/scripts/test/$l.sh" ] || dt_die "unknown layer '$l' (layers: ${all[*]})"
done

"$DT_TOP/scripts/deps.sh"
export DT_TESTDIR=$DT_BUILD/test
export DT_RESULTS=$DT_TESTDIR/results
mkdir -p "$DT_TESTDIR"
: > "$DT_RESULTS"

failed=()
start=$(date +%s)
for l in "${layers[@]}"; do
	case "$l" in
	kunit | kselftest | scenario)
		if [[ " ${failed[*]} " == *" build "* || " ${failed[*]} " == *" apply "* ]]; then
			echo "FAIL $l: not run: no kernel of this series was built" | tee -a "$DT_RESULTS"
			failed+=("$l")
			continue
		fi ;;
	esac
	t0=$(date +%s)
	dt_log "=== layer $l"
	if ! "$DT_TOP/scripts/test/$l.sh"; then
		failed+=("$l")
		grep -q "^FAIL $l:" "$DT_RESULTS" || echo "FAIL $l: the layer failed" >> "$DT_RESULTS"
	fi
	dt_log "=== layer $l: $(($(date +%s) - t0)) s"
	[ "$l" = apply ] && [ ${#failed[@]} -gt 0 ] && break
done

passed=$(grep -c '^PASS ' "$DT_RESULTS" || true)
nfailed=$(grep -c '^FAIL ' "$DT_RESULTS" || true)
skipped=$(grep -c '^SKIP ' "$DT_RESULTS" || true)
echo
echo "results per layer ($(($(date +%s) - start)) s in all):"
for l in "${layers[@]}"; do
	printf '  %-11s %3d passed, %3d failed, %3d skipped\n' "$l" \
		"$(grep -c "^PASS $l:" "$DT_RESULTS" || true)" \
		"$(grep -c "^FAIL $l:" "$DT_RESULTS" || true)" \
		"$(grep -c "^SKIP $l:" "$DT_RESULTS" || true)"
done
grep '^SKIP ' "$DT_RESULTS" | sed 's/^/  /' || true
if [ ${#failed[@]} -gt 0 ]; then
	echo "failing layers: ${failed[*]}"
	grep '^FAIL ' "$DT_RESULTS" | sed 's/^/  /'
fi
tally="$passed passed, $nfailed failed"
[ "$skipped" -gt 0 ] && tally+=", $skipped skipped"
echo "$tally"
[ ${#failed[@]} = 0 ] && [ "$nfailed" = 0 ]
