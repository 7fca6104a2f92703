#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Layer "scenario": behaviour on the tiered VM.
#   goals-node_target_mem_bp, goals-node_eligible_mem_bp: a 512 MiB hot set
#   starts on the slow node; one paddr context with a migrate_hot scheme per
#   direction, each with a goal of the metric on its destination node (24 MiB
#   short of its part, so that both goals are met around the split), must
#   bring 384 MiB of it to the fast node (the traced value within 300 bp of
#   that split, or where both goals are met) and hold it there for 60 s:
#   the hot set's placement (move_pages(2)) within 600 bp, and no more than
#   one in twenty traced values outside 600 bp.
#   scripts/scenario/goals-report.py prints the convergence time, the
#   traced band, the bytes migrated after convergence and the placement
#   while holding.
#   eligible-layouts: scripts/scenario/eligible-layouts-guest.sh: 2400 MiB
#   on node 1 laid out as hours of use leave memory (a random half of the
#   base pages freed; the upper 128 KiB of every 256 KiB of huge pages freed,
#   which splits them; all used, in base pages and in huge pages), and for
#   each the damon-eligible KUnit suite: over 200 evaluations of contexts of
#   1, 4 and 8 GiB and all memory, every region or every other region
#   eligible, at least 99% within 100 bp of the exact folio walk.
#   eligible-overlap: the same on the random layout, in a VM whose node 0
#   has a 1 GiB DIMM that QEMU puts above node 1 (DT_VM_DIMM), so that node
#   0's span holds node 1's memory; node 0's estimate must not count it.
#
#   tier, tier-2slow: DAMON_TIER enabled on the kernel command line, with
#   defaults, on the main job's workload (512 MiB hot set on a slow node,
#   1.5 GiB cold data on the fast node) for 90 s of the workload's time
#   (iterations of tier-guest.sh's loop take longer than a second under
#   TCG): at least 95 % of the hot set must end in the fast node.
#   tier-2slow boots one fast and two slow nodes and starts the hot set on
#   node 2, which DAMON_TIER must find without any parameter.
#
#   tier-shift: scripts/scenario/tier-shift-guest.sh: DAMON_TIER with
#   defaults brings the main job's hot set to the fast node; 20 s later,
#   with nothing left to migrate, its monitoring must have slowed down (no
#   more than a quarter of the committed aggregation intervals' count of
#   aggregations in 8 s, from the damon_aggregated tracepoint); then a
#   second, 256 MiB hot set starts on the slow node, and 90 % of it must
#   reach the fast node within 60 s of its time.  Its last 5 % can wait on
#   a full fast node for a minute, a wait that the slowing down lengthens
#   but does not start (see the cover letter): its time is printed.  On the
#   debug kernel, where migration is several times slower (95 % of the
#   first hot set takes about 90 s), the times are printed, and the
#   slowing down and the absence of splats are checked.
#
#   tier-wmarks: scripts/scenario/tier-wmarks-guest.sh: DAMON_TIER with
#   watermarks that keep its schemes off while more than 55% of the memory
#   is free; no aggregation may happen while they are off, and once a
#   workload takes the free memory below 55%, the first aggregation must
#   come within 2.5 s (a watermark check a second and one aggregation
#   interval; the slowing down, had it counted the time off as idle, would
#   take up to 3.2 s more).  On the debug kernel the delay is printed, not
#   checked.
#
#   robust: scripts/scenario/robust-guest.py for 150 s (DT_ROBUST_SECONDS):
#   random and hostile writes to the DAMON sysfs tree and to the DAMON
#   modules' parameters, and on/off/commit/update_* commands, with a
#   workload running; failslab and fail_page_alloc armed for the writer
#   (both kernels have them) and a kmemleak scan at the end.  Passes when
#   faults were injected, no check of the exerciser failed and the kernel
#   log (console and the guest's dmesg.txt) has no splat.  The
#   seed is random unless DT_ROBUST_SEED is set, and is in the result line;
#   `./run robust SECONDS SEED` is the long form.
#
#   perf: access sampling with perf events (software page fault events;
#   QEMU has no PEBS or IBS), scripts/scenario/perf-guest.sh: a vaddr
#   context must see at least half of the range its workload faults in as
#   accessed and nothing of the range it never touches; in each of 200
#   offline/online cycles of CPU 1, the workload, pinned to it, must be
#   sampled within 100 ms (two sampling intervals); a paddr context must see
#   accessed regions; a context must start again after "off"; a context
#   that checks the page table too must see the same as the first; no
#   splat, and no kmemleak report on the debug kernel.
#
#   perf-teardown: scripts/scenario/perf-teardown-guest.sh on 4 vCPUs: a
#   four-thread workload faults all the time while a context sampling
#   every minor fault is turned on, its counters swapped by a commit, its
#   events dropped by another and turned off, 100 times (2000 on the debug
#   kernel, with slab_nomerge); every command must succeed, the workload
#   must have faulted at least 1000 times a cycle, with no splat and no
#   kmemleak report.
#
#   perf-accounting: scripts/scenario/perf-accounting-guest.sh: a vaddr
#   context samples every page fault while a monitored and a faster
#   unmonitored workload run; the rings must overflow and count their drops
#   at a 1 s sampling interval; in 100 pauses, nr_samples must equal the sum
#   of the outcome counters each time and nothing may be counted while
#   paused; the unmonitored process's samples must be filtered (more of
#   them than matched ones), not counted as unmatched (no more than a tenth
#   of the matched ones); the monitored workload's dense range must have
#   more than 4 times the nr_accesses per byte of its sparse range, which
#   gets as many samples over 64 times the pages, and more with page table
#   checks too.
#
#   damo: damo 3.4.1 (Debian sid, scripts/fetch-damo.sh), which speaks the
#   sample/ directory, starts, reports on and stops DAMON for the physical
#   address space and for a process, without an error.
#
#   scripts/test/scenario.sh [NAME...]
#   default: all of the above
. "$(dirname "$0")/../lib.sh"
. "$DT_TOP/scripts/test/common.sh"

out=$DT_TESTDIR/scenario
mkdir -p "$out" "$DT_BUILD/bin"
gcc -O2 -Wall -o "$DT_BUILD/bin/hotcold" "$DT_TOP/tools/hotcold.c"
gcc -O2 -Wall -static -pthread -o "$DT_BUILD/bin/faulter" "$DT_TOP/tools/faulter.c"
gcc -O2 -Wall -static -o "$DT_BUILD/bin/layout" "$DT_TOP/tools/layout.c"
# vm_scenario FILE CMD [ARGS...]: run CMD on the VM, whose settings come from
# the environment, for the scenario $name; keep the run directory as
# $out/$name, print its KEY=VALUE result FILE; set vmrc and splat
vm_scenario() {
	local file=$1
	shift
	set +e
	DT_VM_QUIET=1 "$DT_TOP/scripts/vm.sh" "$@" > /dev/null 2>&1
	vmrc=$?
	set -e
	rm -rf "${out:?}/$name"
	cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
	result_file=$out/$name/$file
	sed 's/^/  /' "$result_file" 2>/dev/null || true
	splat=$(dt_splats "$out/$name")
}

# v KEY: the value of KEY in the last vm_scenario's result file
v() { sed -n "s/^$1=//p" "$result_file" 2>/dev/null || true; }

# no_leaks: the last vm_scenario's kmemleak scan, if any, found nothing
no_leaks() { [ "$(v leaks_reported)" = "" ] || [ "$(v leaks_reported)" = 0 ]; }

# eligible_verdict LAYOUT...: the verdict of an eligible-* scenario whose
# guest laid out these LAYOUTs; a scenario that sets $overlap fails unless
# it is "yes"
eligible_verdict() {
	local f r good worst ok=0 what=
	for f in "$@"; do
		r=$out/$name/$f.txt
		[ -r "$r" ] || { ok=1; what="$what${what:+, }$f: no results"; continue; }
		sed -n 's/.*# damos_test_eligible_bytes_accuracy: \(.*within 100 bp.*\)/    '"$f"': \1/p' "$r" 2>/dev/null
		good=$(sed -n 's/.* \([0-9]*\) of \([0-9]*\) within 100 bp.*/\1 \2/p' "$r" 2>/dev/null |
			awk '{ p = 100 * $1 / $2; if (NR == 1 || p < min) min = p } END { if (NR) printf "%.1f", min }')
		worst=$(sed -n 's/.*worst \(-*[0-9]*\) bp (ratio) \(-*[0-9]*\) bp (fill).*/\1\n\2/p' "$r" 2>/dev/null |
			tr -d - | sort -n | tail -1)
		grep -q '^ok 1 damon-eligible' "$r" 2>/dev/null || ok=1
		what="$what${what:+, }$f ${good:-?}% within 100 bp (worst ${worst:-?} bp)"
	done
	[ $vmrc = 0 ] && [ "$(v layouts)" = $# ] || ok=1
	[ "${overlap:-yes}" = yes ] || { ok=1; what="$what; node spans do not overlap"; }
	verdict $ok "$what"
}

# verdict STATUS WHAT: the result line of scenario $name, which passes when
# STATUS is 0 and the kernel log has no splat
verdict() {
	if [ "$1" = 0 ] && [ "$splat" = 0 ]; then
		dt_result PASS scenario "$name: $2"
	else
		dt_result FAIL scenario "$name ($2; vm exit $vmrc, $splat splat lines; $out/$name)"
		rc=1
	fi
}

names=("$@")
[ ${#names[@]} -gt 0 ] ||
	names=(goals-node_target_mem_bp goals-node_eligible_mem_bp eligible-layouts eligible-overlap
	       tier tier-2slow tier-shift tier-wmarks robust perf perf-teardown perf-accounting damo)
# the debug kernel is slower under TCG: guest timeouts, and the perf
# scenario's aggregation interval and waits, scale by this
slow=1
[ "${DT_DEBUG:-0}" = 1 ] && slow=3
rc=0
for name in "${names[@]}"; do
	case $name in
	goals-*)
		metric=${name#goals-}
		set +e
		DT_VM_QUIET=1 DT_VM_TIMEOUT=900 "$DT_TOP/scripts/vm.sh" \
			"$DT_TOP/scripts/scenario/goals-guest.sh" "$DT_BUILD/bin/hotcold" \
			"$metric" 512 384 100
		vmrc=$?
		rm -rf "${out:?}/$name"
		cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
		python3 "$DT_TOP/scripts/scenario/goals-report.py" "$out/$name" \
			> "$out/$name/report.txt" 2>&1
		prc=$?
		set -e
		sed 's/^/  /' "$out/$name/report.txt"
		splat=$(dt_splats "$out/$name")
		what=$(sed -n 's/^converged: within [0-9]* bp of \([0-9]*\) bp or in \([0-9.]*\) bp after \(.*\)/split \1 bp (goals met in \2 bp) reached in \3/p;
			s/^then, for [0-9]* s: \(.*\) (.*/held \1/p' "$out/$name/report.txt" | paste -sd, - | sed 's/,/, /')
		if [ $vmrc = 0 ] && [ $prc = 0 ] && [ "$splat" = 0 ]; then
			dt_result PASS scenario "$name ($what)"
		else
			dt_result FAIL scenario "$name (${what:+$what; }vm exit $vmrc, report exit $prc, $splat splat lines; $out/$name)"
			rc=1
		fi ;;
	tier|tier-2slow)
		nslow=1 hot_node=1 cold=1536
		[ "$name" = tier-2slow ] && nslow=2 hot_node=2
		# the debug kernel's KASAN shadow and kmemleak take about 700 MiB
		# of node 0, where 1.5 GiB of cold data would not fit
		[ "${DT_DEBUG:-0}" = 1 ] && cold=1024
		set +e
		DT_VM_QUIET=1 DT_VM_SLOW_NODES=$nslow DT_VM_APPEND="damon_tier.enabled=Y" \
			"$DT_TOP/scripts/vm.sh" "$DT_TOP/scripts/tier-guest.sh" "$DT_BUILD/bin/hotcold" \
			damon_tier 90 512 $cold $hot_node > /dev/null 2>&1
		vmrc=$?
		set -e
		rm -rf "${out:?}/$name"
		cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
		sed -n '/DAMON_TIER:/p; /^== summary/,$p' "$out/$name/tier.txt" | sed 's/^/  /'
		share=$(sed -n 's/^end_share_pct=//p' "$out/$name/summary.txt" 2>/dev/null || true)
		splat=$(dt_splats "$out/$name")
		if [ $vmrc = 0 ] && [ -n "$share" ] && awk -v s="$share" 'BEGIN { exit !(s >= 95) }' &&
			[ "$splat" = 0 ]; then
			dt_result PASS scenario "$name: ${share}% of the hot set in the fast node after 90 s"
		else
			dt_result FAIL scenario "$name (vm exit $vmrc, ${share:-?}% of the hot set in the fast node, $splat splat lines; $out/$name)"
			rc=1
		fi ;;
	tier-shift)
		cold=1536 limit=60
		[ "${DT_DEBUG:-0}" = 1 ] && cold=1024 limit=
		set +e
		DT_VM_QUIET=1 DT_VM_TIMEOUT=900 DT_VM_APPEND="damon_tier.enabled=Y" \
			"$DT_TOP/scripts/vm.sh" "$DT_TOP/scripts/scenario/tier-shift-guest.sh" \
			"$DT_BUILD/bin/hotcold" $cold > /dev/null 2>&1
		vmrc=$?
		set -e
		rm -rf "${out:?}/$name"
		cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
		sed 's/^/  /' "$out/$name/shift.txt" 2>/dev/null || true
		first_t95=- second_t90=- second_t95=- idle_aggrs=? committed_aggrs=?
		[ -r "$out/$name/summary.txt" ] && . "$out/$name/summary.txt"
		splat=$(dt_splats "$out/$name")
		what="first hot set 95% after $first_t95 s, $idle_aggrs aggregations in 8 s while idle ($committed_aggrs committed), second hot set 90% after $second_t90 s, 95% after $second_t95 s"
		if [ $vmrc = 0 ] && { [ -z "$limit" ] || { [ "$first_t95" != - ] &&
			[ "$second_t90" != - ] && [ "$second_t90" -le "$limit" ]; }; } &&
			[ "$committed_aggrs" != ? ] &&
			[ $((idle_aggrs * 4)) -le "$committed_aggrs" ] && [ "$splat" = 0 ]; then
			dt_result PASS scenario "$name: $what"
		else
			dt_result FAIL scenario "$name ($what; vm exit $vmrc, $splat splat lines; $out/$name)"
			rc=1
		fi ;;
	tier-wmarks)
		limit=2500
		[ "${DT_DEBUG:-0}" = 1 ] && limit=
		set +e
		DT_VM_QUIET=1 DT_VM_TIMEOUT=600 "$DT_TOP/scripts/vm.sh" \
			"$DT_TOP/scripts/scenario/tier-wmarks-guest.sh" \
			"$DT_BUILD/bin/hotcold" > /dev/null 2>&1
		vmrc=$?
		set -e
		rm -rf "${out:?}/$name"
		cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
		sed 's/^/  /' "$out/$name/wmarks.txt" 2>/dev/null || true
		off_aggrs=? delay_ms=-
		[ -r "$out/$name/summary.txt" ] && . "$out/$name/summary.txt"
		splat=$(dt_splats "$out/$name")
		what="$off_aggrs aggregation events while off, first aggregation $delay_ms ms after the watermarks' condition"
		if [ $vmrc = 0 ] && [ "$off_aggrs" = 0 ] && [ "$delay_ms" != - ] &&
			{ [ -z "$limit" ] || [ "$delay_ms" -le "$limit" ]; } && [ "$splat" = 0 ]; then
			dt_result PASS scenario "$name: $what"
		else
			dt_result FAIL scenario "$name ($what; vm exit $vmrc, $splat splat lines; $out/$name)"
			rc=1
		fi ;;
	robust)
		seed=${DT_ROBUST_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
		op_timeout=60
		[ "${DT_DEBUG:-0}" = 1 ] && op_timeout=180
		# room for the run, a last operation that started at its end and
		# is a walk (up to five operation timeouts) or its kmemleak scan,
		# and the boot
		seconds=${DT_ROBUST_SECONDS:-150}
		vm_timeout=$(( ${seconds%.*} + 6 * op_timeout + 300 ))
		[ "$vm_timeout" -lt 900 ] && vm_timeout=900
		set +e
		DT_VM_QUIET=1 DT_VM_TIMEOUT=$vm_timeout "$DT_TOP/scripts/vm.sh" python3 \
			"$DT_TOP/scripts/scenario/robust-guest.py" --hotcold "$DT_BUILD/bin/hotcold" \
			--seconds "$seconds" --seed "$seed" --faults --kmemleak \
			--op-timeout $op_timeout --progress 30 > /dev/null 2>&1
		vmrc=$?
		set -e
		rm -rf "${out:?}/$name"
		cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
		sed -n '/^== robust summary/,/^writes per file kind/p; /^note:/,$p' \
			"$out/$name/robust.txt" 2>/dev/null | grep -v '^writes per file kind' | sed 's/^/  /'
		ops=$(sed -n 's/^ops=//p' "$out/$name/robust-summary.txt" 2>/dev/null || true)
		viol=$(sed -n 's/^violations=//p' "$out/$name/robust-summary.txt" 2>/dev/null || true)
		faults=$(sed -n 's/^faults_injected=//p' "$out/$name/robust-summary.txt" 2>/dev/null || true)
		splat=$(dt_splats "$out/$name")
		what="seed $seed: ${ops:-?} operations, ${faults:-?} faults injected"
		# both kernels have fault injection (config/guest.config): a run
		# that injected nothing did not test the failure paths
		nofault=0
		if grep -q '^fault_note=.' "$out/$name/robust-summary.txt" 2>/dev/null ||
			[ "${faults:-0}" = 0 ]; then
			what+=" (no fault was injected)"
			nofault=1
		fi
		if [ $vmrc = 0 ] && [ "$viol" = 0 ] && [ "$splat" = 0 ] && [ $nofault = 0 ]; then
			dt_result PASS scenario "$name ($what)"
		else
			dt_result FAIL scenario "$name ($what; exit $vmrc, ${viol:-?} violations, $splat splat lines; $out/$name)"
			rc=1
		fi ;;
	perf)
		DT_VM_TIMEOUT=$((900 * slow)) vm_scenario perf.txt \
			"$DT_TOP/scripts/scenario/perf-guest.sh" "$DT_BUILD/bin/faulter" $slow
		ok=0
		[ $vmrc = 0 ] && [ "$(v vaddr_touched_accessed_pct)" -ge 50 ] 2>/dev/null &&
			[ "$(v vaddr_untouched_accessed_bytes)" = 0 ] &&
			[ "$(v hotplug_cycles)" = 200 ] && [ "$(v hotplug_sampled_cycles)" = 200 ] &&
			[ "$(v paddr_accessed_regions)" -gt 0 ] && [ "$(v paddr_samples)" -gt 0 ] &&
			[ "$(v restart)" = ok ] &&
			[ "$(v mixed_touched_accessed_pct)" -ge 50 ] 2>/dev/null &&
			[ "$(v mixed_untouched_accessed_bytes)" = 0 ] &&
			[ "$(v mixed_matched)" -gt 0 ] 2>/dev/null && no_leaks || ok=1
		verdict $ok "$(v vaddr_touched_accessed_pct)% of the faulted range and $(v vaddr_untouched_accessed_bytes) bytes of the untouched one seen accessed; $(v hotplug_sampled_cycles) of $(v hotplug_cycles) hotplug cycles sampled from the onlined CPU; $(v mixed_touched_accessed_pct)% and $(v mixed_untouched_accessed_bytes) bytes with page table checks too" ;;
	perf-teardown)
		cycles=100 append=
		[ "${DT_DEBUG:-0}" = 1 ] && cycles=2000 append=slab_nomerge
		DT_VM_CPUS=4 DT_VM_TIMEOUT=3000 DT_VM_APPEND="$append" vm_scenario teardown.txt \
			"$DT_TOP/scripts/scenario/perf-teardown-guest.sh" "$DT_BUILD/bin/faulter" $cycles
		ok=0
		[ $vmrc = 0 ] && [ "$(v cycles)" = $cycles ] && [ "$(v failed_commands)" = 0 ] &&
			[ "$(v workload_faults)" -ge $((cycles * 1000)) ] 2>/dev/null &&
			no_leaks || ok=1
		verdict $ok "$(v cycles) of $cycles on/swap/stop/off cycles in $(v seconds) s, $(v failed_commands) failed commands, $(v workload_faults) workload faults" ;;
	perf-accounting)
		DT_VM_TIMEOUT=$((900 * slow)) vm_scenario accounting.txt \
			"$DT_TOP/scripts/scenario/perf-accounting-guest.sh" "$DT_BUILD/bin/faulter"
		ok=0
		[ $vmrc = 0 ] && [ "$(v overflow_dropped)" -gt 0 ] 2>/dev/null &&
			[ "$(v pause_cycles)" = 100 ] && [ "$(v identity_mismatches)" = 0 ] &&
			[ "$(v counted_while_paused)" = 0 ] &&
			[ "$(v nr_matched)" -gt 0 ] 2>/dev/null &&
			[ "$(v nr_filtered)" -gt "$(v nr_matched)" ] 2>/dev/null &&
			unmatched=$(v nr_unmatched) && [ -n "$unmatched" ] &&
			[ $((unmatched * 10)) -le "$(v nr_matched)" ] &&
			[ "$(v samples_dense)" -gt $((4 * $(v samples_sparse))) ] 2>/dev/null &&
			[ "$(v page_table_dense)" -gt "$(v page_table_sparse)" ] 2>/dev/null || ok=1
		verdict $ok "$(v nr_samples) samples: $(v nr_matched) matched, $(v nr_unmatched) unmatched, $(v nr_filtered) of the unmonitored process, $(v nr_dropped) dropped; $(v identity_mismatches) mismatches in $(v pause_cycles) pauses; nr_accesses per byte of the dense and sparse ranges $(v samples_dense):$(v samples_sparse) with samples, $(v page_table_dense):$(v page_table_sparse) with page table checks" ;;
	damo)
		pypath=$("$DT_TOP/scripts/fetch-damo.sh")
		set +e
		DT_VM_QUIET=1 DT_VM_TIMEOUT=600 "$DT_TOP/scripts/vm.sh" \
			bash -c '"$0" "$@" > "$DT_OUT/damo.txt" 2>&1' \
			"$DT_TOP/scripts/scenario/damo-guest.sh" "$pypath" "$DT_BUILD/bin/hotcold"
		vmrc=$?
		set -e
		rm -rf "${out:?}/$name"
		cp -r "$(readlink -f "$DT_BUILD/vm/last")" "$out/$name"
		splat=$(dt_splats "$out/$name")
		if [ $vmrc = 0 ] && [ "$splat" = 0 ]; then
			dt_result PASS scenario "$name: damo $(sed -n 's/^\([0-9][0-9.]*\)$/\1/p' "$out/$name/damo.txt" | head -1) starts, reports and stops DAMON (paddr and vaddr)"
		else
			tail -20 "$out/$name/damo.txt" 2>/dev/null | sed 's/^/  /'
			dt_result FAIL scenario "$name (vm exit $vmrc, $splat splat lines; $out/$name)"
			rc=1
		fi ;;
	eligible-layouts)
		DT_VM_TIMEOUT=$((1800 * slow)) \
			DT_VM_APPEND="kunit.enable=1 kunit.autorun=0 kunit.filter_glob=damon-eligible" \
			vm_scenario layouts.txt "$DT_TOP/scripts/scenario/eligible-layouts-guest.sh" \
			"$DT_BUILD/bin/layout" 2400 1
		eligible_verdict random periodic-thp full full-thp ;;
	eligible-overlap)
		DT_VM_TIMEOUT=$((900 * slow)) DT_VM_DIMM=1G \
			DT_VM_APPEND="kunit.enable=1 kunit.autorun=0 kunit.filter_glob=damon-eligible" \
			vm_scenario layouts.txt "$DT_TOP/scripts/scenario/eligible-layouts-guest.sh" \
			"$DT_BUILD/bin/layout" 2400 1 random
		# node 0's span must hold node 1's, or the check proves nothing
		read -r lo0 hi0 < <(sed -n 's/^node0=//p' "$out/$name/spans.txt" 2>/dev/null) || true
		read -r lo1 hi1 < <(sed -n 's/^node1=//p' "$out/$name/spans.txt" 2>/dev/null) || true
		overlap=no
		[ -n "${hi0:-}" ] && [ -n "${hi1:-}" ] && [ "$lo0" -le "$lo1" ] &&
			[ "$hi0" -gt "$hi1" ] && overlap=yes
		echo "    spans: node 0 pfn ${lo0:-?}..${hi0:-?}, node 1 pfn ${lo1:-?}..${hi1:-?}; node 1 within node 0: $overlap"
		eligible_verdict random
		unset overlap ;;
	*)
		dt_result FAIL scenario "$name: no such scenario"
		rc=1 ;;
	esac
done
exit $rc
