#!/usr/bin/env python3
"""Adds up the callgrind pieces of a scripts/bench-phases.ts run per phase.

  bench-phases-sum.py <callgrind-out-file prefix> <stderr of the run>

Piece k (file <prefix>.k) ran from boundary k-1 to boundary k; the last piece
(<prefix> itself, or the highest k) ran after the last boundary. Prints, per
phase, the inclusive instructions (outer calls only) and the calls."""
import glob, json, re, sys, collections

prefix, err = sys.argv[1], sys.argv[2]
events = json.loads(next(l for l in open(err) if l.startswith('EVENTS '))[7:])
# bench-run reads the CPU clock before building the app and after app.synth(): the timed run.
timed = [i for i, e in enumerate(events) if e == 'bench-run:cpuUsage']
if len(timed) >= 2:
    events[timed[0]], events[timed[1]] = 'timed run (construction + synth):start', 'timed run (construction + synth):end'
def total(path):
    for line in open(path):
        if line.startswith('totals:') or line.startswith('summary:'):
            return int(line.split()[1])
    return 0
parts = {}
for f in glob.glob(prefix + '.*'):
    m = re.search(r'\.(\d+)$', f)
    if m: parts[int(m.group(1))] = total(f)
last = [f for f in glob.glob(prefix) ]
n = max(parts) if parts else 0
if last: parts[n + 1] = total(last[0])
pieces = [parts[k] for k in sorted(parts)]
# pieces[0] ran before events[0]; pieces[i] between events[i-1] and events[i].
incl = collections.Counter(); calls = collections.Counter(); open_ = []
between = collections.Counter()
for i, ev in enumerate(events):
    cost = pieces[i + 1] if i + 1 < len(pieces) else 0
    phase, _, what = ev.rpartition(':')
    if what == 'start':
        open_.append(phase); calls[phase] += 1
    elif what == 'end':
        open_.remove(phase)
    for p in set(open_): incl[p] += cost
    # Time between bench-run's two cpuUsage calls is the timed run.
    between[tuple(open_) and open_[-1] or '(outside any phase)'] += cost
print(f'pieces {len(pieces)}, events {len(events)}, whole run {sum(pieces)/1e9:.3f} G')
for p in sorted(incl, key=lambda p: -incl[p]):
    print(f'{p:70s} {incl[p]/1e9:8.3f} G {calls[p]:6d} calls')
print('self (innermost open phase):')
for p in sorted(between, key=lambda p: -between[p]):
    print(f'  {p:68s} {between[p]/1e9:8.3f} G')
