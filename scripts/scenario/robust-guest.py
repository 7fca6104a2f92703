#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Random and hostile input to DAMON's interfaces, run inside the test guest.

For a fixed time (and optionally a fixed number of operations), from a seed
that is printed first so that any run can be replayed, this writes random and
hostile values (empty, huge, negative, non-numeric, overlong, wrong type,
boundary values) to

  - every writable file under /sys/kernel/mm/damon/admin, creating and
    removing directories through the nr_* files;
  - every writable parameter of the DAMON modules that are built in
    (damon_tier, damon_reclaim, damon_lru_sort, damon_stat);
  - the kdamonds' state files: on, off, commit, update_* and the others, in
    random order;

while a workload (tools/hotcold.c) runs.  Contexts monitor either the
workload (vaddr) or the physical address space (paddr).

Checks after every operation:
  - a write either fails with an errno, or the value read back is what the
    kernel's parser makes of the input (numbers, booleans, names, paths);
  - a failed write leaves the value it was aimed at unchanged;
  - a successful nr_* write leaves exactly that many numbered directories;
  - every read gives an errno or a well-formed value, never garbage;
  - kdamond threads come and go as the state files and the modules'
    enabled/kdamond_pid parameters say: no state "on" without its kdamond,
    no kdamond that nothing claims, and the thread of an "off" kdamond gone;
  - a commit that fails leaves the kdamond running with its previous
    monitoring intervals (read back through update_tuned_intervals), or
    stopped (DAMON stops a context whose commit failed half way);
  - no operation takes longer than --op-timeout (a watchdog thread reports
    the operation and the kernel stacks, then exits: a hang), except a
    walk command whose kdamond keeps running, which has five timeouts;
  - no kernel splat (WARNING, BUG, KASAN, UBSAN, lockdep, hung task, ...)
    in the kernel log, which a thread streams to $DT_OUT/dmesg.txt;
  - with --kmemleak and a kernel that has it, no leak reported by a kmemleak
    scan at the end.

With --faults and a kernel with fault injection (/sys/kernel/debug/failslab
and fail_page_alloc), a share of the operations (most "on" and "commit"
ones) runs with failslab and fail_page_alloc armed for this task only
(task-filter=Y and /proc/self/make-it-fail), and for the kdamond too while
a command that it executes (commit, update_*, commit_inputs) runs, with a
small probability and a few failures at most.  Without those files the
fault injection is skipped, and the summary says so.

By default, values that would make a write wait for longer than a few
seconds without failing (sampling and watermark intervals of hours: DAMON
handles commands between samples, and waits for them uninterruptibly) are
replaced by rejected hostile values; --unbounded-waits allows them.

  robust-guest.py --hotcold BIN [--seconds S] [--ops N] [--seed N]
                  [--faults] [--kmemleak] [--op-timeout S] [--out DIR]

Exit status: 0 when no check failed, 1 when one did, 3 on a hang.
"""

import argparse
import collections
import errno
import os
import random
import re
import subprocess
import sys
import threading
import time

ADMIN = '/sys/kernel/mm/damon/admin'
MODULES = ('damon_tier', 'damon_reclaim', 'damon_lru_sort', 'damon_stat')
DEBUGFS = '/sys/kernel/debug'
FAIL_DIRS = ('failslab', 'fail_page_alloc')

COMMANDS = ['on', 'off', 'commit', 'update_schemes_stats',
            'update_schemes_tried_regions', 'update_schemes_tried_bytes',
            'clear_schemes_tried_regions', 'update_schemes_effective_quotas',
            'update_tuned_intervals', 'commit_schemes_quota_goals']
# commands that the kdamond executes (damon_call(), damos_walk())
KDAMOND_COMMANDS = {'commit', 'update_schemes_stats',
                    'update_schemes_tried_regions',
                    'update_schemes_tried_bytes',
                    'update_schemes_effective_quotas',
                    'update_tuned_intervals', 'commit_schemes_quota_goals'}
# damos_walk() commands wait, uninterruptibly, for the next application of
# every scheme, which comes a number of sampling intervals later that the
# bounds of WAIT_US_FILES leave open: a 1 us sampling and a 2 s aggregation
# interval make two million samples, 14 s on an idle TCG guest with a few
# regions, and minutes with thousands of them.  A sample costs its
# interval (the kdamond sleeps it) plus WALK_REGION_COST_S per region of the
# context's maximum (the larger of the staged and the last committed one),
# scaled by the operation timeout over 60 s as a debug kernel is slower;
# with interval tuning on, the sampling interval may shrink to its minimum.
# When the wait that makes could pass a third of the operation timeout, the
# command becomes update_schemes_stats, and the summary counts it.  A walk
# that still waits past the operation timeout is a hang once its kdamond
# makes no progress (neither its CPU time nor its context switches grow)
# for WALK_STALL_S or two sampling intervals, whichever is longer, or after
# WALK_TIMEOUT_FACTOR operation timeouts.  WALK_REGION_COST_S is a
# generous bound, not a measurement, on one region's access check and
# scheme application per sample on the TCG guest kernel.
WALK_COMMANDS = {'update_schemes_tried_regions', 'update_schemes_tried_bytes'}
WALK_REGION_COST_S = 20e-6
WALK_TIMEOUT_FACTOR = 5
WALK_STALL_S = 2

ENUMS = {
    'operations': ['vaddr', 'fvaddr', 'paddr'],
    'action': ['willneed', 'cold', 'pageout', 'hugepage', 'nohugepage',
               'lru_prio', 'lru_deprio', 'migrate_hot', 'migrate_cold',
               'stat'],
    'type': ['anon', 'active', 'memcg', 'young', 'hugepage_size', 'unmapped',
             'addr', 'target'],
    'metric': ['none', 'free_mem_rate'],
    'target_metric': ['user_input', 'some_mem_psi_us', 'node_mem_used_bp',
                      'node_mem_free_bp', 'memcg_node_used_bp',
                      'memcg_node_free_bp', 'active_mem_bp',
                      'inactive_mem_bp', 'node_eligible_mem_bp',
                      'node_target_mem_bp'],
    'goal_tuner': ['consist', 'temporal'],
}
NODE_METRICS = ['node_mem_used_bp', 'node_mem_free_bp',
                'node_eligible_mem_bp', 'node_target_mem_bp']
PATH_FILES = {'memcg_path', 'path'}
# files whose writes make the kdamond sleep (sampling, watermarks) or make
# a command wait (aggregation and apply intervals: damos_walk()), in us
WAIT_US_FILES = {'sample_us', 'aggr_us', 'apply_interval_us', 'interval_us',
                 'min_sample_us', 'max_sample_us', 'sample_interval',
                 'aggr_interval', 'wmarks_interval'}
WAIT_LIMIT_US = 2000000
NR_REGIONS_LIMIT = 2000
# nr_* values: a few directories, or so many that the array allocation
# fails at once (not hundreds of thousands of kobjects)
NR_DIR_FILES = {'nr_kdamonds', 'nr_contexts', 'nr_targets', 'nr_regions',
                'nr_schemes', 'nr_filters', 'nr_goals', 'nr_dests', 'nr_probes',
                'nr_perf_events'}
# files of monitoring_attrs/sample/perf_events/<E>/: numbers (config and
# config1 read in hex), and booleans that read back as 0 or 1
PERF_EVENT_BOOLS = {'freq', 'sample_phys_addr', 'exclude_kernel', 'exclude_hv'}
NR_SMALL = 4
NR_HUGE = 1 << 21

SPLAT = re.compile(r'WARNING:|BUG:|Oops|UBSAN|KASAN|general protection|'
                   r'suspected memory leak|possible circular locking|'
                   r'possible recursive locking|inconsistent lock state|'
                   r'blocked for more than|detected stalls|'
                   r'soft lockup|hard LOCKUP|Kernel panic|list_(add|del) corruption|'
                   r'refcount_t:|kobject.*(not initialized|already)|'
                   r'sysfs: cannot create duplicate')


class KErr(Exception):
    """A parse error of the kernel's kstrto*() family."""


def cstr(data):
    """The bytes the kernel's string parsers see: up to the first NUL."""
    return data.split(b'\0', 1)[0]


def kstrtoull(s):
    """lib/kstrtox.c's _kstrtoull() with base 0, on bytes."""
    if s[:1] == b'+':
        s = s[1:]
    base = 10
    if s[:1] == b'0':
        if s[1:2].lower() == b'x' and s[2:3] and s[2:3] in b'0123456789abcdefABCDEF':
            base = 16
            s = s[2:]
        else:
            base = 8
    value = 0
    i = 0
    overflow = False
    while i < len(s):
        c = chr(s[i]).lower()
        if c.isdigit():
            d = ord(c) - ord('0')
        elif 'a' <= c <= 'f':
            d = ord(c) - ord('a') + 10
        else:
            break
        if d >= base:
            break
        value = value * base + d
        if value >= 1 << 64:
            overflow = True
        i += 1
    if overflow:
        raise KErr(errno.ERANGE)
    if i == 0:
        raise KErr(errno.EINVAL)
    if s[i:i + 1] == b'\n':
        i += 1
    if i != len(s):
        raise KErr(errno.EINVAL)
    return value


def kstrto_any(data):
    """The integer that some kstrto*() (signed or not) makes of data, or
    None when none accepts it.  Accepted values are in range of the type,
    so a file that took data must read back this value."""
    s = cstr(data)
    try:
        if s[:1] == b'-':
            v = kstrtoull(s[1:])
            if v > 1 << 63:
                return None
            return -v
        return kstrtoull(s)
    except KErr:
        return None


def kstrtobool(data):
    s = cstr(data)
    c = s[:1]
    if c and c in b'eEyYtT1':
        return True
    if c and c in b'dDnNfF0':
        return False
    if c and c in b'oO':
        if s[1:2] and s[1:2] in b'nN':
            return True
        if s[1:2] and s[1:2] in b'fF':
            return False
    return None


def sysfs_streq(a, b):
    a, b = cstr(a), cstr(b)
    return a.rstrip(b'\n') == b.rstrip(b'\n') and \
        len(a) - len(a.rstrip(b'\n')) <= 1 and len(b) - len(b.rstrip(b'\n')) <= 1


class Hang(Exception):
    pass


class Robust:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.out = args.out
        self.log_f = open(os.path.join(self.out, 'robust.txt'), 'a', buffering=1)
        self.ops = 0
        self.writes = collections.Counter()      # per file kind
        self.accepted = collections.Counter()    # per file kind
        self.errnos = collections.Counter()      # errno name -> count
        self.cmds = collections.Counter()        # command -> count
        self.cmd_ok = collections.Counter()
        self.notes = collections.Counter()
        self.violations = []
        self.faults_armed = 0
        self.faults_injected = 0
        self.fault_ops = collections.Counter()
        self.fault_note = ''
        self.splats = []
        self.files = []
        self.tree_dirty = True
        self.kd = {}         # kdamond index -> expectation dict
        self.cur_op = None
        self.op_start = None
        # the kdamond that the running walk waits for, and how long it
        # may make no progress
        self.walk_wait = None
        self.lock = threading.Lock()
        self.workload = None
        self.short_lived = []
        self.params = []
        self.fault_since_check = False
        self.history = collections.deque(maxlen=80)

    # --- output -----------------------------------------------------
    def log(self, msg):
        line = msg
        print(line, flush=True)
        self.log_f.write(line + '\n')

    def violation(self, what):
        msg = 'VIOLATION op %d (seed %d): %s' % (self.ops, self.args.seed, what)
        self.violations.append(msg)
        self.log(msg)
        # the writes that led here, for a reproducer (robust.txt only)
        self.log_f.write('  the last %d writes before it:\n' % len(self.history))
        for h in self.history:
            self.log_f.write('    %s\n' % h)

    # --- raw file access --------------------------------------------
    def read(self, path):
        """(bytes, None) or (None, errno)."""
        self.begin('read %s' % path)
        try:
            return self._read(path)
        finally:
            self.end()

    def _read(self, path):
        for _ in range(20):
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError as e:
                return None, e.errno
            try:
                return os.read(fd, 65536), None
            except OSError as e:
                if e.errno != errno.EBUSY:
                    return None, e.errno
            finally:
                os.close(fd)
            time.sleep(0.005)
        return None, errno.EBUSY

    def write(self, path, data):
        """(bytes written, None) or (None, errno)."""
        self.begin('write %r to %s' % (data[:64], path))
        try:
            return self._write(path, data)
        finally:
            self.end()

    def _write(self, path, data):
        try:
            fd = os.open(path, os.O_WRONLY)
        except OSError as e:
            return None, e.errno
        try:
            return os.write(fd, data), None
        except OSError as e:
            return None, e.errno
        finally:
            os.close(fd)

    def read_value(self, path):
        v, e = self.read(path)
        return v if e is None else None

    # --- the tree -----------------------------------------------------
    def walk(self):
        files = []
        for root, dirs, names in os.walk(ADMIN):
            dirs.sort(key=lambda d: (len(d), d))
            for n in names:
                p = os.path.join(root, n)
                try:
                    if os.stat(p).st_mode & 0o200:
                        files.append(p)
                except OSError:
                    pass
        self.files = files
        self.tree_dirty = False

    @staticmethod
    def kind(path):
        if path.startswith(ADMIN):
            return re.sub(r'/\d+(?=/|$)', '/N', path[len(ADMIN) + 1:])
        return path[len('/sys/module/'):].replace('/parameters/', '.')

    def kdamond_dirs(self):
        d = os.path.join(ADMIN, 'kdamonds')
        try:
            return sorted((os.path.join(d, n) for n in os.listdir(d) if n.isdigit()),
                          key=lambda p: int(os.path.basename(p)))
        except OSError:
            return []

    # --- value generation ---------------------------------------------
    BOUNDARY = [0, 1, 2, 3, 4, 7, 8, 10, 16, 100, 255, 256, 1000, 1023, 1024,
                4095, 4096, 9999, 10000, 10001, 65535, 65536,
                (1 << 31) - 1, 1 << 31, (1 << 32) - 1, 1 << 32, (1 << 32) + 1,
                (1 << 63) - 1, 1 << 63, (1 << 64) - 1, 1 << 64, (1 << 64) + 1,
                10 ** 30, -1, -2, -(1 << 31), -(1 << 31) - 1, -(1 << 63),
                -(1 << 63) - 1, -(1 << 64)]
    JUNK = [b'', b'\n', b' ', b'\t', b'\0', b'\0\0\0', b'-', b'+', b'-+1',
            b'+-1', b'--1', b'0x', b'0X', b'0x-1', b'0b101', b'08', b'09',
            b'1e3', b'1.5', b'.5', b'1,000', b'1_000', b' 1', b'1 ', b'1\n\n',
            b'\n1', b'1\t', b'1\r\n', b'one', b'abc', b'NaN', b'inf', b'-inf',
            b'%s%s%s%n', b'%p', b'\\x00', b'\xff\xfe\xfd', b'\xc3\x28',
            b'\xe2\x82\xac', b'Y', b'N', b'y', b'n', b'on', b'off', b'true',
            b'false', b'yes', b'no', b'o', b'oz', b'enable', b'disable',
            b'null', b'-1\0', b'1\0' + b'9' * 40, b'9' * 40 + b'\0',
            b'vaddr', b'paddr', b'commit', b'../../..', b'/', b'//',
            b'/sys/fs/cgroup', b'\x7f', b'\x1b[2J']

    def gen_number(self):
        r = self.rng
        v = r.choice(self.BOUNDARY) if r.random() < 0.7 else \
            r.randrange(-(1 << 64), 1 << 65) >> r.randrange(0, 64)
        sign = '-' if v < 0 else ''
        a = abs(v)
        form = r.random()
        if form < 0.6:
            s = sign + str(a)
        elif form < 0.75:
            s = sign + hex(a)
        elif form < 0.82:
            s = sign + ('0%o' % a)
        elif form < 0.87:
            s = ('+' if not sign else '-+') + str(a)
        elif form < 0.92:
            s = sign + '0' * r.randrange(1, 30) + str(a)
        else:
            s = sign + str(a).upper() + r.choice(['x', ' ', '\t', 'k', 'M', '#'])
        if r.random() < 0.3:
            s += '\n'
        return s.encode()

    def gen_overlong(self):
        r = self.rng
        n = r.choice([64, 255, 256, 1000, 4094, 4095, 4096, 4097, 8191, 8192, 65536])
        c = r.choice([b'9', b'0', b'A', b'/', b'-', b'\xff', b' '])
        data = c * n
        if r.random() < 0.3:
            data = bytes(r.randrange(256) for _ in range(min(n, 512)))
        return data

    def gen_hostile(self):
        r = self.rng.random()
        if r < 0.45:
            return self.gen_number()
        if r < 0.85:
            return self.rng.choice(self.JUNK)
        return self.gen_overlong()

    def gen_valid(self, name, cur):
        """Something the file is likely to take, given its name."""
        r = self.rng
        if name in ENUMS:
            if name == 'operations':
                return r.choice(ENUMS[name]).encode()
            return r.choice(ENUMS[name] + [cur.strip().decode('latin-1')] if cur else ENUMS[name]).encode()
        if name in PATH_FILES:
            return r.choice([b'/', b'/sys/fs/cgroup', b'', b'/nonexistent',
                             b'/a/b/c', b'x' * r.randrange(1, 300)])
        if cur is not None and cur.strip() in (b'Y', b'N'):
            return r.choice([b'Y', b'N', b'1', b'0', b'y\n', b'n\n', b'on', b'off'])
        if name.endswith('nid') or name == 'nid':
            return str(r.choice([-1, 0, 1, 1, 2, 3, 63, 1023, 1024])).encode()
        if name.endswith('_bp') or name in ('target_value', 'current_value', 'access_bp'):
            return str(r.choice([0, 1, 40, 500, 5000, 9960, 10000, 10001, r.randrange(10001)])).encode()
        if name in ('high', 'mid', 'low') or name.startswith('wmarks_') and name != 'wmarks_interval':
            return str(r.choice([0, 50, 150, 200, 500, 999, 1000, 1001])).encode()
        if name in WAIT_US_FILES:
            return str(r.choice([0, 1, 1000, 5000, 20000, 100000, 1000000])).encode()
        if name in ('pid_target',):
            return str(self.pick_pid()).encode()
        if name in ('start', 'end', 'addr_start', 'addr_end', 'monitor_region_start',
                    'monitor_region_end'):
            return hex(r.choice([0, 4096, 1 << 20, 1 << 30, 1 << 32, 0x17fffffff,
                                 r.randrange(1 << 34), (1 << 47) - 4096,
                                 (1 << 64) - 4096])).encode()
        if name == 'addr_unit':
            return str(r.choice([1, 1, 2, 3, 4096, 1 << 20, 1 << 40, 1 << 63])).encode()
        return str(r.choice([0, 1, 2, 3, 10, 100, 1000, 4096, 10000, 1 << 20,
                             r.randrange(1 << 32)])).encode()

    def bound(self, path, data):
        """Keep the inputs that would make DAMON wait for hours, or create
        a million directories, out of the default run (see the module
        docstring); they become rejected hostile inputs instead."""
        name = os.path.basename(path)
        v = kstrto_any(data)
        if v is None:
            return data
        if name in NR_DIR_FILES and NR_SMALL < v < NR_HUGE:
            return str(self.rng.randrange(NR_SMALL + 1)).encode()
        if self.args.unbounded_waits:
            return data
        if name in WAIT_US_FILES and v > WAIT_LIMIT_US:
            return self.rng.choice([b'18446744073709551616', b'-5', b'1e9', b'99999999999999999999999'])
        if (name == 'min_nr_regions' or path.endswith('nr_regions/min')) and v > NR_REGIONS_LIMIT:
            return self.rng.choice([b'-3', b'0x1ffffffffffffffff', b'3k'])
        return data

    def pick_pid(self):
        r = self.rng.random()
        if r < 0.6 and self.workload:
            return self.workload.pid
        if r < 0.75:
            p = subprocess.Popen(['sleep', str(self.rng.choice([1, 2, 5]))])
            self.short_lived.append(p)
            return p.pid
        return self.rng.choice([0, 1, 2, os.getpid(), -1, 4194304, 99999])

    # --- checks -----------------------------------------------------
    @staticmethod
    def is_kdamond(pid):
        try:
            with open('/proc/%d/comm' % pid) as f:
                comm = f.read().strip()
            with open('/proc/%d/stat' % pid) as f:
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        return comm.startswith('kdamond') and ppid == 2

    @staticmethod
    def kdamond_threads():
        pids = set()
        for d in os.listdir('/proc'):
            if not d.isdigit():
                continue
            try:
                with open('/proc/%s/comm' % d) as f:
                    if f.read().startswith('kdamond'):
                        pids.add(int(d))
            except OSError:
                pass
        return pids

    @staticmethod
    def perf_event_file(path):
        return '/perf_events/' in path and not path.endswith('nr_perf_events')

    def check_readback(self, path, name, data, n, before, after):
        """A write of data to path returned n bytes (accepted)."""
        kind = self.kind(path)
        if after is None:
            return
        if self.perf_event_file(path) and n > 0:
            self.check_perf_event_readback(kind, name, data[:n], after)
            return
        if n < len(data):
            data = data[:n]
        if len(data) > 4096:
            data = data[:4096]
        if n == 0:
            # empty writes do not reach the store function
            if before is not None and after != before and not self.volatile(path, name) \
                    and name not in ('state', 'enabled'):
                self.violation('%s: an empty write changed %r to %r' % (kind, before, after))
            return
        if name in ('state', 'enabled', 'commit_inputs'):
            return
        if self.volatile(path, name):
            self.notes['unchecked (refreshed by the kdamond): ' + name] += 1
            return
        if name in PATH_FILES:
            want = cstr(data)
            got = after[:-1] if after.endswith(b'\n') else after
            if not (got == want or (len(want) >= 4094 and want.startswith(got))):
                self.violation('%s: wrote %r, reads %r' % (kind, data[:80], after[:80]))
            return
        if name in ENUMS or name in ('operations',):
            if not sysfs_streq(data, after):
                self.violation('%s: wrote %r, reads %r' % (kind, data[:80], after[:80]))
            return
        if after.strip() in (b'Y', b'N') and (before is None or before.strip() in (b'Y', b'N')):
            want = kstrtobool(data)
            if want is None:
                self.violation('%s: took %r, which is no boolean' % (kind, data[:80]))
            elif (after.strip() == b'Y') != want:
                self.violation('%s: wrote %r, reads %r' % (kind, data[:80], after))
            return
        if re.fullmatch(rb'-?\d+\n', after):
            want = kstrto_any(data)
            if want is None:
                self.violation('%s: took %r, which no kstrto*() accepts; reads %r'
                               % (kind, data[:80], after))
            elif int(after) != want:
                self.violation('%s: wrote %r (%d), reads %r' % (kind, data[:80], want, after))
            return
        self.notes['unchecked read-back kind: ' + kind] += 1

    def check_perf_event_readback(self, kind, name, data, after):
        if name in PERF_EVENT_BOOLS:
            want = kstrtobool(data)
            want = None if want is None else int(want)
        else:
            want = kstrto_any(data)
        try:
            got = int(after.strip(), 0)
        except ValueError:
            got = None
        if want is None or got != want:
            self.violation('%s: wrote %r, reads %r' % (kind, data[:80], after[:80]))

    def volatile(self, path, name):
        """Files that the kdamond itself rewrites (update_tuned_intervals
        through refresh_ms)."""
        if name not in ('sample_us', 'aggr_us') or not path.startswith(ADMIN):
            return False
        m = re.match(r'(%s/kdamonds/\d+)/' % re.escape(ADMIN), path)
        if not m:
            return False
        refresh = self.read_value(m.group(1) + '/refresh_ms')
        state = self.read_value(m.group(1) + '/state')
        return state != b'off\n' or refresh != b'0\n'

    def check_well_formed(self, path, data):
        name = os.path.basename(path)
        if data is None:
            return
        if name in PATH_FILES or name in ('memory_idle_ms_percentiles',):
            return
        if name in ('avail_operations',):
            return
        if name == 'state':
            ok = data in (b'on\n', b'off\n')
        elif self.perf_event_file(path):
            ok = re.fullmatch(rb'(\d+|0x[0-9a-f]+)\n', data) is not None
        elif name in ENUMS:
            ok = re.fullmatch(rb'[a-z_]+\n', data) is not None
        else:
            ok = re.fullmatch(rb'(-?\d+|Y|N)\n', data) is not None
        if not ok:
            self.violation('%s reads %r' % (self.kind(path), data[:120]))

    def check_dir_count(self, path, name, data, n):
        v = kstrto_any(data[:n])
        if v is None:
            return
        parent = os.path.dirname(path)
        subs = sorted(int(d) for d in os.listdir(parent) if d.isdigit())
        if subs != list(range(v)):
            self.violation('%s: %d taken, %d numbered directories (%s)'
                           % (self.kind(path), v, len(subs), subs[:8]))

    def kd_status(self, kd):
        """(state, pid) of a sysfs kdamond, read consistently."""
        for _ in range(50):
            st = self.read_value(kd + '/state')
            pid = self.read_value(kd + '/pid')
            st2 = self.read_value(kd + '/state')
            if st is not None and pid is not None and st == st2:
                return st.strip().decode(), int(pid)
            time.sleep(0.05)
        return None, None

    def check_kdamonds(self, why, settle=5.0):
        """No state on without its kdamond, no kdamond that nothing claims."""
        deadline = time.time() + settle
        while True:
            problems = []
            claimed = set()
            for kd in self.kdamond_dirs():
                st, pid = self.kd_status(kd)
                if st is None:
                    problems.append('%s: state/pid unreadable' % kd)
                elif st == 'on':
                    if pid <= 0 or not self.is_kdamond(pid):
                        problems.append('%s: state on, pid %s is no kdamond' % (kd, pid))
                    claimed.add(pid)
                elif st == 'off':
                    if pid != -1:
                        problems.append('%s: state off, pid %d' % (kd, pid))
                else:
                    problems.append('%s: state %r' % (kd, st))
            for mod in MODULES:
                p = '/sys/module/%s/parameters' % mod
                if not os.path.isdir(p):
                    continue
                en = self.read_value(p + '/enabled')
                pid = self.read_value(p + '/kdamond_pid')
                if en is None or pid is None:
                    problems.append('%s: enabled/kdamond_pid unreadable' % mod)
                    continue
                pid = int(pid)
                if en.strip() == b'Y':
                    if pid <= 0 or not self.is_kdamond(pid):
                        problems.append('%s: enabled, kdamond_pid %d is no kdamond' % (mod, pid))
                    claimed.add(pid)
                elif pid != -1:
                    problems.append('%s: disabled, kdamond_pid %d' % (mod, pid))
            orphans = self.kdamond_threads() - claimed
            if orphans:
                problems.append('kdamond threads %s claimed by no state file or module'
                                % sorted(orphans))
            if not problems:
                return
            if time.time() > deadline:
                for p in problems:
                    self.violation('after %s: %s' % (why, p))
                return
            time.sleep(0.2)

    def wait_gone(self, pid, what):
        if pid is None or pid <= 0:
            return
        deadline = time.time() + 5
        while self.is_kdamond(pid):
            if time.time() > deadline:
                self.violation('%s: kdamond %d still runs 5 s later' % (what, pid))
                return
            time.sleep(0.05)

    # --- fault injection --------------------------------------------
    def faults_available(self):
        return all(os.path.isdir(os.path.join(DEBUGFS, d)) for d in FAIL_DIRS) and \
            os.path.exists('/proc/self/make-it-fail')

    def faults_setup(self):
        for d in FAIL_DIRS:
            base = os.path.join(DEBUGFS, d)
            settings = [('task-filter', b'Y'), ('probability', b'10'), ('interval', b'1'),
                        ('times', b'0'), ('space', b'0'), ('verbose', b'0'),
                        ('ignore-gfp-wait', b'N')]
            if d == 'fail_page_alloc':
                settings += [('ignore-gfp-highmem', b'N'), ('min-order', b'0')]
            for f, v in settings:
                if os.path.exists(os.path.join(base, f)):
                    n, e = self.write(os.path.join(base, f), v)
                    if e is not None:
                        self.log('fault injection: cannot set %s/%s: %s' % (d, f, errno.errorcode.get(e)))

    def arm(self, kdamond_pids):
        """Arm both fault injectors for this task (and the given kdamonds);
        returns the state to disarm with."""
        times = self.rng.choice([1, 1, 2, 3, 5])
        prob = self.rng.choice([5, 10, 20, 50, 100])
        for d in FAIL_DIRS:
            self.write(os.path.join(DEBUGFS, d, 'probability'), str(prob).encode())
            self.write(os.path.join(DEBUGFS, d, 'times'), str(times).encode())
        marked = []
        for pid in kdamond_pids:
            if pid and pid > 0:
                n, e = self.write('/proc/%d/make-it-fail' % pid, b'1')
                if e is None:
                    marked.append(pid)
        fd = os.open('/proc/thread-self/make-it-fail', os.O_WRONLY)
        os.write(fd, b'1')
        self.faults_armed += 1
        self.fault_since_check = True
        return fd, times, marked

    def disarm(self, armed):
        fd, times, marked = armed
        # this write allocates nothing: it can not fail by injection
        for _ in range(100):
            try:
                os.write(fd, b'0')
                break
            except OSError:
                time.sleep(0.001)
        os.close(fd)
        for pid in marked:
            self.write('/proc/%d/make-it-fail' % pid, b'0')
        injected = 0
        for d in FAIL_DIRS:
            left = self.read_value(os.path.join(DEBUGFS, d, 'times'))
            self.write(os.path.join(DEBUGFS, d, 'times'), b'0')
            try:
                injected += max(0, times - int(left))
            except (TypeError, ValueError):
                pass
        self.faults_injected += injected
        return injected

    # --- operations -------------------------------------------------
    def begin(self, what):
        with self.lock:
            self.cur_op = what
            self.op_start = time.time()

    def end(self):
        with self.lock:
            self.cur_op = None

    def do_write(self, path, data, faults=False, kdamond_pids=(), walk=None):
        """Write, record, and check one file; returns (n, errno).  While
        the write runs, walk is (the pid of the kdamond that it waits for,
        how long that may make no progress), for the watchdog."""
        name = os.path.basename(path)
        kind = self.kind(path)
        try:
            readable = os.stat(path).st_mode & 0o400
        except OSError:
            return None, errno.ENOENT, 0
        before = self.read_value(path) if readable else None
        armed = self.arm(kdamond_pids) if faults else None
        try:
            with self.lock:
                self.walk_wait = walk
            try:
                n, err = self.write(path, data)
            finally:
                with self.lock:
                    self.walk_wait = None
        finally:
            injected = self.disarm(armed) if armed else 0
        if injected:
            self.fault_ops[kind] += 1
        self.writes[kind] += 1
        if err is not None:
            self.errnos[errno.errorcode.get(err, str(err))] += 1
        else:
            self.accepted[kind] += 1
        self.history.append('op %d: %s <- %r: %s%s' % (
            self.ops, kind, data[:48], 'ok' if err is None else errno.errorcode.get(err, err),
            ' (%d faults)' % injected if injected else ''))
        if self.args.verbose:
            self.log('  %s <- %r: %s%s' % (kind, data[:48], 'ok' if err is None else
                                            errno.errorcode.get(err, err),
                                            ' (%d faults)' % injected if injected else ''))
        after = None
        if before is not None:
            after, aerr = self.read(path)
            self.check_well_formed(path, after)
        if err is not None:
            if err in (errno.EIO, errno.EFAULT) and not injected:
                self.violation('%s <- %r: %s' % (kind, data[:80], errno.errorcode[err]))
            if name in NR_DIR_FILES and err == errno.ENOMEM and after == b'0\n':
                # the nr_* files remove the old directories before they
                # allocate the new ones
                self.notes['nr_* write failed with ENOMEM and removed the old directories'] += 1
                self.tree_dirty = True
            elif before is not None and after is not None and after != before and \
                    name not in ('state', 'enabled', 'commit_inputs') and \
                    not self.volatile(path, name) and not (injected and name in PATH_FILES):
                self.violation('%s <- %r failed (%s) but changed %r to %r'
                               % (kind, data[:80], errno.errorcode.get(err), before[:80], after[:80]))
            return None, err, injected
        if n > len(data):
            self.violation('%s: write of %d bytes returned %d' % (kind, len(data), n))
        self.check_readback(path, name, data, n, before, after)
        if name in NR_DIR_FILES and path.startswith(ADMIN):
            self.tree_dirty = True
            if not injected or kstrto_any(data[:n]) is not None:
                self.check_dir_count(path, name, data, n)
        return n, None, injected

    def op_write_random(self):
        if self.tree_dirty:
            self.walk()
        files = [f for f in self.files if os.path.basename(f) != 'state']
        if not files:
            return
        kinds = collections.defaultdict(list)
        for f in files:
            kinds[self.kind(f)].append(f)
        path = self.rng.choice(kinds[self.rng.choice(sorted(kinds))])
        name = os.path.basename(path)
        cur = self.read_value(path)
        data = self.gen_valid(name, cur) if self.rng.random() < 0.5 else self.gen_hostile()
        data = self.bound(path, data)
        faults = self.args.faults and self.rng.random() < 0.1
        if not os.path.exists(path):
            return
        self.do_write(path, data, faults)

    def op_param(self):
        if not self.params:
            return
        path = self.rng.choice(self.params)
        name = os.path.basename(path)
        mod = path.split('/')[3]
        cur = self.read_value(path)
        if name == 'enabled':
            return self.op_module_enable(mod)
        if name == 'commit_inputs':
            return self.op_module_commit(mod)
        data = self.gen_valid(name, cur) if self.rng.random() < 0.5 else self.gen_hostile()
        data = self.bound(path, data)
        self.do_write(path, data, self.args.faults and self.rng.random() < 0.1)

    def mod_pid(self, mod):
        v = self.read_value('/sys/module/%s/parameters/kdamond_pid' % mod)
        return int(v) if v is not None else None

    def op_module_enable(self, mod):
        p = '/sys/module/%s/parameters' % mod
        r = self.rng.random()
        data = self.rng.choice([b'Y', b'Y\n', b'1', b'on']) if r < 0.45 else \
            self.rng.choice([b'N', b'0', b'off\n']) if r < 0.8 else self.gen_hostile()
        before = self.read_value(p + '/enabled')
        pid0 = self.mod_pid(mod)
        faults = self.args.faults and self.rng.random() < 0.5
        self.cmds[mod + '.enabled'] += 1
        n, err, inj = self.do_write(p + '/enabled', data, faults, [pid0] if faults else ())
        after = self.read_value(p + '/enabled')
        pid = self.mod_pid(mod)
        want = kstrtobool(data[:n] if n is not None else data)
        if err is None:
            self.cmd_ok[mod + '.enabled'] += 1
            if n == 0:
                # an empty write does not reach the parameter's set()
                if after != before:
                    self.violation('%s.enabled: an empty write changed %r to %r'
                                   % (mod, before, after))
            elif want is None:
                self.violation('%s.enabled took %r' % (mod, data[:40]))
            elif want and after != b'Y\n':
                # a started kdamond may have stopped by itself only if its
                # targets went away: the modules monitor physical memory
                self.violation('%s.enabled <- %r succeeded, reads %r' % (mod, data, after))
            elif not want and after != b'N\n':
                self.violation('%s.enabled <- %r succeeded, reads %r' % (mod, data, after))
            if not want and pid0 and pid0 > 0:
                self.wait_gone(pid0, '%s disabled' % mod)
        elif before == b'N\n' and after != b'N\n':
            self.violation('%s.enabled <- %r failed (%s), reads %r'
                           % (mod, data, errno.errorcode.get(err), after))
        elif before == b'Y\n' and pid != pid0:
            self.violation('%s.enabled <- %r failed (%s), kdamond %s -> %s'
                           % (mod, data, errno.errorcode.get(err), pid0, pid))
        self.check_kdamonds('%s.enabled <- %r' % (mod, data))

    def op_module_commit(self, mod):
        p = '/sys/module/%s/parameters' % mod
        data = self.rng.choice([b'Y', b'Y', b'1', b'N']) if self.rng.random() < 0.8 \
            else self.gen_hostile()
        en = self.read_value(p + '/enabled')
        pid0 = self.mod_pid(mod)
        faults = self.args.faults and self.rng.random() < 0.5
        self.cmds[mod + '.commit_inputs'] += 1
        n, err, inj = self.do_write(p + '/commit_inputs', data, faults,
                                    [pid0] if faults else ())
        en2 = self.read_value(p + '/enabled')
        pid = self.mod_pid(mod)
        if err is None:
            self.cmd_ok[mod + '.commit_inputs'] += 1
        if en == b'Y\n':
            if pid != pid0 or en2 != b'Y\n':
                if err is not None and inj:
                    self.notes['%s stopped after a commit_inputs that failed under injected faults' % mod] += 1
                else:
                    self.violation('%s.commit_inputs <- %r (%s): kdamond %s -> %s, enabled %r'
                                   % (mod, data, 'ok' if err is None else errno.errorcode.get(err),
                                      pid0, pid, en2))
        self.check_kdamonds('%s.commit_inputs' % mod)

    def committed_attrs(self, kd):
        """The monitoring intervals that a commit or on just applied, or
        None when DAMON tunes them (intervals_goal) so they do not stay."""
        c = kd + '/contexts/0/monitoring_attrs/intervals'
        aggrs = self.read_value(c + '/intervals_goal/aggrs')
        s, a = self.read_value(c + '/sample_us'), self.read_value(c + '/aggr_us')
        if aggrs is None or aggrs != b'0\n' or s is None or a is None:
            return None
        return (s, a)

    def running_attrs(self, kd):
        n, err = self.write(kd + '/state', b'update_tuned_intervals')
        if err is not None:
            return None
        c = kd + '/contexts/0/monitoring_attrs/intervals'
        return (self.read_value(c + '/sample_us'), self.read_value(c + '/aggr_us'))

    def walk_seconds(self, kd):
        """How long a walk of kd's running context may wait, at most, and
        how long its kdamond may make no progress: the sampling intervals
        until the next application of every scheme (its aggregation
        interval or the longest apply interval, over its shortest sampling
        interval), each costing its interval plus its regions' checks;
        None if they cannot be read."""
        run = self.running_attrs(kd)
        if run is None or None in run:
            return None
        sample, longest = kstrto_any(run[0]), kstrto_any(run[1])
        if sample is None or longest is None:
            return None
        exp = self.kd.get(kd, {})
        longest = max(longest, self.apply_interval(kd), exp.get('apply_us') or 0)
        shortest = sample
        iv = kd + '/contexts/0/monitoring_attrs/intervals/intervals_goal'
        if self.read_value(iv + '/aggrs') not in (None, b'0\n') or exp.get('tuned'):
            shortest = min(sample, kstrto_any(self.read_value(iv + '/min_sample_us') or b'')
                           or 1, exp.get('min_sample_us') or sample)
        n = longest // max(shortest, 1)
        nr = max(self.max_regions(kd) or NR_REGIONS_LIMIT, exp.get('max_regions') or 0)
        # the region cost is for the guest kernel, whose operation timeout
        # is 60 s; the debug kernel has a longer one, and is that slower
        scale = self.args.op_timeout / 60.0
        per_sample = sample / 1e6 + nr * WALK_REGION_COST_S * scale
        return n * per_sample, max(WALK_STALL_S, 2 * sample / 1e6) + 1

    def max_regions(self, kd):
        """The staged maximum number of regions of kd's context, or None."""
        return kstrto_any(self.read_value(
            kd + '/contexts/0/monitoring_attrs/nr_regions/max') or b'')

    def apply_interval(self, kd):
        """The longest staged apply interval of kd's schemes, in us."""
        longest = 0
        schemes = kd + '/contexts/0/schemes'
        for d in os.listdir(schemes) if os.path.isdir(schemes) else ():
            if d.isdigit():
                v = kstrto_any(self.read_value(
                    '%s/%s/apply_interval_us' % (schemes, d)) or b'')
                longest = max(longest, v or 0)
        return longest

    def remember_committed(self, kd, exp):
        """Keep what a walk's wait depends on from a successful on or
        commit: later writes stage other values, which do not run."""
        iv = kd + '/contexts/0/monitoring_attrs/intervals/intervals_goal'
        exp['max_regions'] = self.max_regions(kd)
        exp['apply_us'] = self.apply_interval(kd)
        exp['tuned'] = self.read_value(iv + '/aggrs') not in (None, b'0\n')
        exp['min_sample_us'] = kstrto_any(self.read_value(iv + '/min_sample_us') or b'')

    def op_command(self, kd=None, cmd=None):
        kds = self.kdamond_dirs()
        if not kds:
            return
        kd = kd or self.rng.choice(kds)
        r = self.rng.random()
        if cmd is None:
            if r < 0.25:
                cmd = 'on'
            elif r < 0.35:
                cmd = 'off'
            elif r < 0.6:
                cmd = 'commit'
            elif r < 0.93:
                cmd = self.rng.choice(COMMANDS[3:])
            else:
                cmd = None
        walk = None
        if cmd in WALK_COMMANDS and self.kd_status(kd)[0] == 'on':
            walk = self.walk_seconds(kd)
            if walk is None or walk[0] > self.args.op_timeout / 3:
                walk = None
                self.notes['%s replaced: the walk could wait for more than %.0f s'
                           % (cmd, self.args.op_timeout / 3)] += 1
                cmd = 'update_schemes_stats'
        data = cmd.encode() if cmd else self.rng.choice(
            [b'ON', b'on ', b' on', b'onn', b'commit\0', b'', b'\n', b'of',
             b'update', b'update_schemes_stats\n\n', b'on\noff', self.gen_overlong()])
        if cmd and self.rng.random() < 0.2:
            data += b'\n'
        st0, pid0 = self.kd_status(kd)
        exp = self.kd.setdefault(kd, {})
        faults = self.args.faults and self.rng.random() < (0.5 if cmd in ('on', 'commit') else 0.15)
        key = cmd or 'hostile'
        self.cmds[key] += 1
        if cmd not in WALK_COMMANDS or st0 != 'on' or pid0 <= 0:
            walk = None
        n, err, inj = self.do_write(kd + '/state', data, faults,
                                    [pid0] if faults and cmd in KDAMOND_COMMANDS else (),
                                    (pid0, walk[1]) if walk else None)
        if cmd is None:
            matched = [c for c in COMMANDS if sysfs_streq(data, c.encode())]
            if matched:
                cmd = matched[0]
            elif err is None and data:
                self.violation('state took %r' % data[:40])
        if err is None:
            self.cmd_ok[key] += 1
        st, pid = self.kd_status(kd)
        ops = self.read_value(kd + '/contexts/0/operations') if os.path.exists(
            kd + '/contexts/0/operations') else None
        # the context ran the operations of the last on or commit, and
        # runs those of this one if it succeeded: a vaddr context stops by
        # itself when its target process is gone (or invalid)
        vaddr = any(o is not None and not o.startswith(b'paddr')
                    for o in (exp.get('ops'), ops))
        if cmd == 'on':
            if err is None:
                if st != 'on' and not vaddr:
                    self.violation('on succeeded, state %s pid %s' % (st, pid))
                elif st == 'on':
                    exp['attrs'] = self.committed_attrs(kd)
                    exp['ops'] = self.read_value(kd + '/contexts/0/operations')
                    self.remember_committed(kd, exp)
            elif st0 == 'off' and st != 'off':
                self.violation('on failed (%s), state %s pid %s'
                               % (errno.errorcode.get(err), st, pid))
        elif cmd == 'off':
            if err is None and st != 'off':
                self.violation('off succeeded, state %s pid %s' % (st, pid))
            if err is None:
                self.wait_gone(pid0, 'off')
        elif cmd == 'commit' and st0 == 'on':
            if err is None:
                if st == 'on':
                    if pid != pid0:
                        self.violation('commit changed the kdamond %s -> %s' % (pid0, pid))
                    exp['attrs'] = self.committed_attrs(kd)
                    exp['ops'] = self.read_value(kd + '/contexts/0/operations')
                    self.remember_committed(kd, exp)
                elif not vaddr:
                    self.violation('paddr kdamond stopped after a successful commit')
            elif st == 'on':
                if pid != pid0:
                    self.violation('failed commit changed the kdamond %s -> %s' % (pid0, pid))
                good = exp.get('attrs')
                if good:
                    run = self.running_attrs(kd)
                    self.tree_dirty = True
                    if run is not None and run != good and None not in run:
                        self.violation('commit failed (%s) but the kdamond runs with intervals '
                                       '%r, not the last committed %r'
                                       % (errno.errorcode.get(err), run, good))
                    elif run is not None:
                        self.notes['failed commit, previous intervals verified'] += 1
            else:
                if inj:
                    self.notes['kdamond stopped after a commit failed under injected faults'] += 1
                elif vaddr:
                    self.notes['vaddr kdamond stopped around a failed commit'] += 1
                else:
                    self.violation('paddr kdamond stopped after a failed commit (%s), no fault'
                                   % errno.errorcode.get(err))
        if cmd in ('update_schemes_tried_regions', 'update_schemes_tried_bytes',
                   'clear_schemes_tried_regions', 'update_tuned_intervals'):
            self.tree_dirty = True
            if err is None and cmd != 'update_tuned_intervals':
                self.read_some(kd)
        elif cmd in ('update_schemes_stats', 'update_schemes_effective_quotas') and err is None:
            self.read_some(kd)
        if st0 == 'on' and st == 'off' and cmd != 'off' and not vaddr and not inj \
                and not self.fault_since_check:
            self.violation('paddr kdamond %s stopped by itself around %s' % (pid0, key))
        self.check_kdamonds('state <- %r' % data[:40])
        self.fault_since_check = False

    def read_some(self, base, limit=40):
        """Read files below base: each must be an errno or well formed."""
        n = 0
        for root, dirs, names in os.walk(base):
            for f in names:
                p = os.path.join(root, f)
                try:
                    if not os.stat(p).st_mode & 0o400:
                        continue
                except OSError:
                    continue
                data, err = self.read(p)
                self.check_well_formed(p, data)
                n += 1
                if n >= limit:
                    return

    def op_read_random(self):
        if self.rng.random() < 0.5:
            for m in MODULES:
                p = '/sys/module/%s/parameters' % m
                if os.path.isdir(p):
                    self.read_some(p, 100)
        else:
            kds = self.kdamond_dirs()
            if kds:
                self.read_some(self.rng.choice(kds), 60)

    def wr(self, path, value):
        if os.path.exists(path):
            self.do_write(path, value if isinstance(value, bytes) else str(value).encode())

    def op_rebuild(self):
        """Build a valid configuration (off, nr_kdamonds, a context on the
        workload or on physical memory, schemes with node goals) and turn it
        on, so that random writes and commits hit running kdamonds too."""
        for kd in self.kdamond_dirs():
            st, pid = self.kd_status(kd)
            if st == 'on':
                self.op_command(kd, 'off')
        r = self.rng
        nr_kd = r.choice([1, 1, 1, 2])
        self.wr(ADMIN + '/kdamonds/nr_kdamonds', nr_kd)
        self.tree_dirty = True
        for kd in self.kdamond_dirs():
            c = kd + '/contexts'
            self.wr(c + '/nr_contexts', 1)
            c += '/0'
            ops = r.choice(['vaddr', 'vaddr', 'paddr', 'paddr', 'fvaddr'])
            self.wr(c + '/operations', ops)
            self.wr(kd + '/refresh_ms', r.choice([0, 0, 100, 1000]))
            iv = c + '/monitoring_attrs/intervals'
            self.wr(iv + '/sample_us', r.choice([5000, 10000, 20000]))
            self.wr(iv + '/aggr_us', r.choice([100000, 200000]))
            self.wr(iv + '/update_us', 1000000)
            if r.random() < 0.3:
                self.wr(iv + '/intervals_goal/access_bp', 400)
                self.wr(iv + '/intervals_goal/aggrs', 3)
                self.wr(iv + '/intervals_goal/min_sample_us', 5000)
                self.wr(iv + '/intervals_goal/max_sample_us', 1000000)
            else:
                self.wr(iv + '/intervals_goal/aggrs', 0)
            self.wr(c + '/monitoring_attrs/nr_regions/min', 10)
            self.wr(c + '/monitoring_attrs/nr_regions/max', r.choice([100, 1000]))
            self.wr(c + '/targets/nr_targets', 1)
            if ops != 'paddr':
                pid = self.workload.pid if r.random() < 0.85 else self.pick_pid()
                self.wr(c + '/targets/0/pid_target', pid)
            nr_s = r.choice([0, 1, 2, 2])
            self.wr(c + '/schemes/nr_schemes', nr_s)
            for i in range(nr_s):
                s = c + '/schemes/%d' % i
                self.wr(s + '/action', r.choice(['migrate_hot', 'migrate_cold', 'stat',
                                                 'pageout', 'cold', 'lru_prio']))
                self.wr(s + '/target_nid', r.choice([0, 1]))
                self.wr(s + '/quotas/ms', r.choice([0, 10, 100]))
                self.wr(s + '/quotas/bytes', r.choice([0, 1 << 20, 64 << 20]))
                self.wr(s + '/quotas/reset_interval_ms', r.choice([100, 1000]))
                nr_g = r.choice([0, 1, 2])
                self.wr(s + '/quotas/goals/nr_goals', nr_g)
                for g in range(nr_g):
                    gp = s + '/quotas/goals/%d' % g
                    self.wr(gp + '/target_metric', r.choice(NODE_METRICS + ['user_input']))
                    self.wr(gp + '/target_value', r.choice([100, 5000, 9900]))
                    self.wr(gp + '/current_value', r.choice([0, 5000]))
                    self.wr(gp + '/nid', r.choice([0, 1]))
                if r.random() < 0.3:
                    self.wr(s + '/filters/nr_filters', 1)
                    f = s + '/filters/0'
                    self.wr(f + '/type', r.choice(['anon', 'young', 'addr']))
                    self.wr(f + '/addr_start', 0)
                    self.wr(f + '/addr_end', 1 << 32)
                    self.wr(f + '/matching', 'Y')
            self.tree_dirty = True
            self.op_command(kd, 'on')

    # --- the run ----------------------------------------------------
    @staticmethod
    def progress(pid):
        """utime + stime + voluntary and involuntary context switches of
        a thread: the CPU time grows while it checks regions, the switches
        while it sleeps between samples; None once it is gone."""
        try:
            with open('/proc/%d/stat' % pid) as f:
                fields = f.read().rsplit(')', 1)[1].split()
            n = int(fields[11]) + int(fields[12])
            with open('/proc/%d/status' % pid) as f:
                for line in f:
                    if line.split(':')[0].endswith('ctxt_switches'):
                        n += int(line.split()[-1])
            return n
        except (OSError, IndexError, ValueError):
            return None

    def walk_hang(self, walk, start, seen, now):
        """Why a walk that ran past the operation timeout is a hang, or
        None while its kdamond still makes progress.  walk is the kdamond's
        pid and how long it may make no progress; seen holds the last
        progress and when it grew, for the next call."""
        walk, stall = walk
        if now - start >= self.args.op_timeout * WALK_TIMEOUT_FACTOR:
            return 'a walk past %d operation timeouts' % WALK_TIMEOUT_FACTOR
        p = self.progress(walk)
        if p is None:
            return 'a walk whose kdamond %d is gone' % walk
        if not seen:
            self.notes['walk waited past the operation timeout, its kdamond running'] += 1
        if not seen or p > seen[0]:
            seen[:] = [p, now]
        elif now - seen[1] >= stall:
            return 'a walk whose kdamond %d made no progress for %.0f s' % (walk, now - seen[1])
        return None

    def watchdog(self):
        seen = []
        while True:
            time.sleep(1)
            with self.lock:
                op, start, walk = self.cur_op, self.op_start, self.walk_wait
            now = time.time()
            if op is None or now - start < self.args.op_timeout:
                seen = []
                continue
            why = 'past the operation timeout of %d s' % self.args.op_timeout
            if walk:
                why = self.walk_hang(walk, start, seen, now)
                if why is None:
                    continue
            self.log('HANG: op %d (seed %d) has run for %.0f s, %s: %s'
                     % (self.ops, self.args.seed, now - start, why, op))
            for tid in os.listdir('/proc/self/task'):
                try:
                    with open('/proc/self/task/%s/stack' % tid) as f:
                        self.log('  stack of thread %s:\n%s' % (tid, f.read()))
                except OSError:
                    pass
            for pid in sorted(self.kdamond_threads()):
                try:
                    with open('/proc/%d/stack' % pid) as f:
                        self.log('  stack of kdamond %d:\n%s' % (pid, f.read()))
                except OSError:
                    pass
            self.write('/proc/sysrq-trigger', b'w')
            self.violations.append('HANG op %d (seed %d), %s: %s'
                                   % (self.ops, self.args.seed, why, op))
            time.sleep(1)
            self.summary(hang=True)
            self.end_guest(3)
            os._exit(3)

    def end_guest(self, rc):
        """A thread stuck in the kernel keeps this process, and so the
        guest, from exiting: in the project's guest (DT_OUT set), leave the
        exit status where the guest's init would, and reboot."""
        if not os.environ.get('DT_OUT') or self.out != os.environ['DT_OUT']:
            return
        try:
            with open(os.path.join(self.out, 'rc'), 'w') as f:
                f.write('%d\n' % rc)
            os.sync()
            time.sleep(2)
            self.write('/proc/sysrq-trigger', b'b')
        except OSError:
            pass

    def kmsg_reader(self):
        try:
            fd = os.open('/dev/kmsg', os.O_RDONLY)
        except OSError as e:
            self.log('cannot read /dev/kmsg: %s' % e)
            return
        with open(os.path.join(self.out, 'dmesg.txt'), 'a', buffering=1) as f:
            while True:
                try:
                    rec = os.read(fd, 8192)
                except OSError as e:
                    if e.errno == errno.EPIPE:
                        continue
                    return
                text = rec.decode('utf-8', 'replace')
                msg = text.split(';', 1)[-1].split('\n', 1)[0]
                f.write(msg + '\n')
                if SPLAT.search(msg):
                    with self.lock:
                        self.splats.append('op %d: %s' % (self.ops, msg))
                    print('SPLAT (op %d, seed %d): %s' % (self.ops, self.args.seed, msg),
                          flush=True)

    def kmemleak(self, cmd):
        p = os.path.join(DEBUGFS, 'kmemleak')
        if not os.path.exists(p):
            return None
        n, err = self.write(p, cmd.encode())
        if err is not None:
            return 'kmemleak %s: %s' % (cmd, errno.errorcode.get(err))
        return ''

    def run(self):
        a = self.args
        self.log('robust: seed %d; replay with --seed %d' % (a.seed, a.seed))
        self.log('robust: %s s%s, faults %s, kmemleak %s, op timeout %s s%s'
                 % (a.seconds, ', at most %d ops' % a.ops if a.ops else '',
                    'on' if a.faults else 'off', 'on' if a.kmemleak else 'off',
                    a.op_timeout, ', unbounded waits' if a.unbounded_waits else ''))
        threading.Thread(target=self.kmsg_reader, daemon=True).start()
        threading.Thread(target=self.watchdog, daemon=True).start()
        if a.faults:
            if self.faults_available():
                self.faults_setup()
            else:
                self.fault_note = ('fault injection skipped: this kernel has no %s/failslab '
                                   'and fail_page_alloc (FAULT_INJECTION_DEBUG_FS)' % DEBUGFS)
                self.log('robust: ' + self.fault_note)
                a.faults = False
        if a.kmemleak:
            err = self.kmemleak('scan')
            if err is None:
                self.log('robust: no kmemleak in this kernel; the leak check is skipped')
                a.kmemleak = False
            else:
                self.kmemleak('clear')
        for mod in MODULES:
            p = '/sys/module/%s/parameters' % mod
            if os.path.isdir(p):
                for n in sorted(os.listdir(p)):
                    if os.stat(os.path.join(p, n)).st_mode & 0o200:
                        self.params.append(os.path.join(p, n))
        self.log('robust: %d module parameters (%s)' % (
            len(self.params), ', '.join(m for m in MODULES
                                        if os.path.isdir('/sys/module/%s' % m))))
        self.workload = subprocess.Popen(
            [a.hotcold, '--hot', '64', '--cold', '128', '--hot-node', '1',
             '--cold-node', '0', '--seconds', str(a.seconds + 600)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        self.log('robust: workload pid %d' % self.workload.pid)
        self.check_kdamonds('start')
        self.op_rebuild()
        t0 = time.time()
        last = t0
        while True:
            now = time.time()
            if now - t0 >= a.seconds or (a.ops and self.ops >= a.ops):
                break
            self.ops += 1
            r = self.rng.random()
            if r < 0.05:
                self.op_rebuild()
            elif r < 0.45:
                self.op_write_random()
            elif r < 0.65:
                self.op_param()
            elif r < 0.93:
                self.op_command()
            else:
                self.op_read_random()
            if self.workload.poll() is not None:
                self.violation('the workload exited (%s)' % self.workload.returncode)
                break
            self.short_lived = [p for p in self.short_lived if p.poll() is None]
            if now - last >= a.progress:
                last = now
                self.log('robust: %4.0f s, %d ops, %d writes (%d accepted), %d commands, '
                         '%d faults injected, %d violations, %d splat lines'
                         % (now - t0, self.ops, sum(self.writes.values()),
                            sum(self.accepted.values()), sum(self.cmds.values()),
                            self.faults_injected, len(self.violations), len(self.splats)))
        self.finish()

    def finish(self):
        for kd in self.kdamond_dirs():
            st, pid = self.kd_status(kd)
            if st == 'on':
                self.write(kd + '/state', b'off')
                self.wait_gone(pid, 'final off')
        for mod in MODULES:
            p = '/sys/module/%s/parameters/enabled' % mod
            if os.path.exists(p):
                pid = self.mod_pid(mod)
                self.write(p, b'N')
                self.wait_gone(pid, 'final %s disable' % mod)
        self.write(ADMIN + '/kdamonds/nr_kdamonds', b'0')
        self.check_kdamonds('teardown')
        self.workload.kill()
        self.workload.wait()
        if self.args.kmemleak:
            # objects must be older than kmemleak's minimum age, and two
            # scans keep transient references from being reported
            time.sleep(6)
            self.kmemleak('scan')
            time.sleep(1)
            self.kmemleak('scan')
            rep, err = self.read(os.path.join(DEBUGFS, 'kmemleak'))
            if err is not None:
                self.violation('cannot read kmemleak: %s' % errno.errorcode.get(err))
            elif rep and rep.strip():
                with open(os.path.join(self.out, 'kmemleak.txt'), 'wb') as f:
                    f.write(rep)
                nleaks = rep.count(b'unreferenced object')
                damon = b'damon' in rep
                self.violation('kmemleak: %d unreferenced objects%s (kmemleak.txt)'
                               % (nleaks, ', DAMON in the backtraces' if damon else ''))
                self.log(rep.decode('utf-8', 'replace')[:4000])
            else:
                self.log('robust: kmemleak scan: no leak')
        time.sleep(0.5)
        self.summary()

    def summary(self, hang=False):
        out = []
        p = out.append
        p('== robust summary (seed %d)' % self.args.seed)
        p('operations: %d; writes: %d, accepted: %d; commands: %d; files written: %d kinds'
          % (self.ops, sum(self.writes.values()), sum(self.accepted.values()),
             sum(self.cmds.values()), len(self.writes)))
        p('faults: %d operations armed, %d failures injected%s'
          % (self.faults_armed, self.faults_injected,
             '; ' + self.fault_note if self.fault_note else ''))
        p('commands (ok/issued): ' + ', '.join('%s %d/%d' % (c, self.cmd_ok[c], n)
                                                for c, n in sorted(self.cmds.items())))
        p('errors: ' + ', '.join('%s %d' % kv for kv in self.errnos.most_common()))
        p('writes per file kind (accepted/written):')
        for k in sorted(self.writes):
            p('  %-70s %5d/%d' % (k, self.accepted[k], self.writes[k]))
        if self.fault_ops:
            p('file kinds that saw injected failures: ' + ', '.join(
                '%s %d' % kv for kv in self.fault_ops.most_common()))
        for k, n in sorted(self.notes.items()):
            p('note: %s: %d' % (k, n))
        with self.lock:
            splats = list(self.splats)
        p('kernel splat lines: %d' % len(splats))
        for s in splats[:30]:
            p('  ' + s)
        p('violations: %d' % len(self.violations))
        for v in self.violations[:50]:
            p('  ' + v)
        for line in out:
            self.log(line)
        with open(os.path.join(self.out, 'robust-summary.txt'), 'w') as f:
            f.write('seed=%d\nops=%d\nwrites=%d\naccepted=%d\ncommands=%d\nkinds=%d\n'
                    'faults_armed=%d\nfaults_injected=%d\nsplats=%d\nviolations=%d\n'
                    'hang=%d\nfault_note=%s\n'
                    % (self.args.seed, self.ops, sum(self.writes.values()),
                       sum(self.accepted.values()), sum(self.cmds.values()),
                       len(self.writes), self.faults_armed, self.faults_injected,
                       len(splats), len(self.violations), int(hang),
                       self.fault_note.replace('\n', ' ')))
        return 1 if self.violations or splats else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--hotcold', required=True, help='the workload binary')
    ap.add_argument('--seconds', type=float, default=120)
    ap.add_argument('--ops', type=int, default=0, help='stop after N operations too')
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--faults', action='store_true')
    ap.add_argument('--kmemleak', action='store_true')
    ap.add_argument('--op-timeout', type=float, default=60)
    ap.add_argument('--progress', type=float, default=15, help='seconds between progress lines')
    ap.add_argument('--unbounded-waits', action='store_true')
    ap.add_argument('--verbose', action='store_true', help='one line per write')
    ap.add_argument('--out', default=os.environ.get('DT_OUT', '.'))
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int.from_bytes(os.urandom(4), 'little')
    rb = Robust(args)
    try:
        rb.run()
    except Exception:
        import traceback
        rb.log('robust: exerciser error at op %d (seed %d):\n%s'
               % (rb.ops, args.seed, traceback.format_exc()))
        rb.violations.append('exerciser error (seed %d)' % args.seed)
        rb.summary()
        return 2
    with rb.lock:
        bad = rb.violations or rb.splats
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
