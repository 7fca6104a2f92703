#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# Reads a run of scripts/scenario/goals-guest.sh and reports how the node 0
# goal converged: the time to get within BAND bp of the split it aims at (or
# into the range where both goals are met), the band it stays in for HOLD
# seconds after that, the bytes that both schemes migrated after
# convergence, and where the hot set was meanwhile.  Exits 1 if it did not
# converge or hold.
#
#   goals-report.py DIR [BAND] [HOLD] [HOLD_BAND]
import re
import sys

out = sys.argv[1]
band = int(sys.argv[2]) if len(sys.argv) > 2 else 300
hold = float(sys.argv[3]) if len(sys.argv) > 3 else 60
hold_band = int(sys.argv[4]) if len(sys.argv) > 4 else 600

setup = dict(re.findall(r'(\w+)=(\S+)', open(out + '/setup.txt').read()))
start = float(setup['start'])
ev = re.compile(r'\s(\d+\.\d+): damos_node_eligible_mem_bp: ctx_idx=0 '
                r'scheme_idx=(\d+) goal_idx=0 metric=(\S+) nid=(\d+) '
                r'eligible_bytes=(\d+) denominator_bytes=(\d+) '
                r'(?:sampled_bytes=\d+ )?'
                r'current_value=(\d+) target_value=(\d+)')
evals = {0: [], 1: []}
for line in open(out + '/trace.txt'):
    m = ev.search(line)
    if m:
        t, sidx = float(m.group(1)) - start, int(m.group(2))
        evals[sidx].append((t, int(m.group(5)), int(m.group(7)),
                            int(m.group(8)), int(m.group(6))))
applied = []
for line in open(out + '/applied.txt'):
    t, a, b = line.split()
    applied.append((float(t) - start, int(a) + int(b)))

def applied_at(t):
    before = [b for (ta, b) in applied if ta <= t]
    return before[-1] if before else 0

goal0 = evals[0]
print('%s: %d evaluations of the node 0 goal, %d of the node 1 goal' %
      (setup['metric'], len(goal0), len(evals[1])))
if not goal0:
    print('no goal evaluation was traced')
    sys.exit(1)
target = goal0[0][3]
# the goals ask for less than the split (a margin on each side); the band is
# around the split itself
center = int(setup.get('split0', target))
# Converged: within BAND bp of the split, or where the two goals are both
# met (node 0's goal reached, node 1's too: no more than the split plus the
# same margin), where the schemes rest.  With node_eligible_mem_bp the
# margin is wider than BAND bp.
rest_hi = 2 * center - target
conv = next((e for e in goal0 if abs(e[2] - center) <= band or
             target <= e[2] <= rest_hi), None)
for t, nbytes, cur, tgt, _ in goal0[::max(1, len(goal0) // 12)]:
    print('  t=%6.1fs node 0: eligible %5d MiB, current %5d bp, target %5d bp' %
          (t, nbytes >> 20, cur, tgt))
if conv is None:
    print('did not get within %d bp of the split, %d bp, nor into %d..%d bp' %
          (band, center, target, rest_hi))
    sys.exit(1)
after = [e for e in goal0 if conv[0] <= e[0] <= conv[0] + hold]
last = goal0[-1][0]
lo, hi = min(e[2] for e in after), max(e[2] for e in after)
moved = applied[-1][1] - applied_at(conv[0]) if applied else 0
print('goal target %d bp, split %d bp' % (target, center))
print('converged: within %d bp of %d bp or in %d..%d bp after %.1f s' %
      (band, center, target, rest_hi, conv[0]))
print('then, for %.0f s: %d..%d bp (%+d..%+d bp of the split)' %
      (min(hold, last - conv[0]), lo, hi, lo - center, hi - center))
print('migrated after convergence: %d MiB (both schemes, %.0f s)' %
      (moved >> 20, applied[-1][0] - conv[0] if applied else 0))
# The hot set's pages on node 0, as move_pages(2) reads them, while holding:
# the placement behind the goal's value, in the metric's bp (of node 0's
# size, or of the hot set)
place = [l for l in open(out + '/placement.txt') if l.startswith('t=')]
held = []
shift = start - float(setup.get('wl_start', start))
scale = goal0[0][4] if setup['metric'] == 'node_target_mem_bp' else \
    int(setup['hot_mib']) << 20
for l in place:
    m = re.match(r't=(\d+) hot_in_fast=(\d+)/(\d+)', l)
    if m and conv[0] <= float(m.group(1)) - shift <= conv[0] + hold:
        held.append(int(m.group(2)) * 4096)
if place:
    print('hot set placement at the end (hotcold): %s' % place[-1].strip())
if held:
    plo, phi = (min(held) * 10000 // scale, max(held) * 10000 // scale)
    print('hot set in node 0 while holding (move_pages): %d..%d MiB, '
          '%d..%d bp (%+d..%+d bp of the split)' %
          (min(held) >> 20, max(held) >> 20, plo, phi, plo - center,
           phi - center))
outside = [e for e in after if abs(e[2] - center) > hold_band]
print('goal evaluations outside +-%d bp while holding: %d of %d' %
      (hold_band, len(outside), len(after)))
if last - conv[0] < hold:
    print('the run ended %.0f s after convergence, before %.0f s of hold' %
          (last - conv[0], hold))
    sys.exit(1)
# Holding is about where the memory is: the placement must stay in the band.
# The traced value must too, but for isolated evaluations (at most one in
# twenty), which a single misjudged region can cause without anything
# moving; they are counted above.
if not held:
    print('no placement report while holding')
    sys.exit(1)
if plo < center - hold_band or phi > center + hold_band:
    print('the hot set left the +-%d bp band while holding' % hold_band)
    sys.exit(1)
if len(outside) * 20 > len(after):
    print('more than one in twenty goal evaluations left the +-%d bp band '
          'while holding' % hold_band)
    sys.exit(1)
