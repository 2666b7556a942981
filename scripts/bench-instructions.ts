/**
 * npm run bench:instructions: the same runs as `npm run bench`, counted in CPU
 * instructions under valgrind (callgrind) instead of timed. Instruction counts
 * do not move with other tenants of a virtual machine or with CPU frequency, so
 * one run of each kind is enough; timings on a shared 2-core VM swing by 25 %.
 * Valgrind runs every thread of the process, GC helpers included, on one core.
 *
 * Each size is counted as (N agents) minus (1 agent), so that starting Node.js
 * and loading modules, the same for both kinds, is left out.
 *
 *   BENCH_SIZES=5000 npm run bench:instructions     (about 25 minutes at 5,000)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SIZES = (process.env.BENCH_SIZES ?? '5000').split(',').map(Number);

function instructions(mode: 'l1' | 'l2', n: number): number {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callgrind-')), 'callgrind.out');
  const res = spawnSync('valgrind', [
    '--tool=callgrind', `--callgrind-out-file=${out}`,
    process.execPath, '-r', 'ts-node/register/transpile-only', 'scripts/bench-run.ts', mode, String(n),
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  const m = /Collected\s*:\s*(\d+)/.exec(res.stderr ?? '');
  if (res.status !== 0 || !m) throw new Error(`valgrind ${mode} ${n} failed (status ${res.status}): ${res.error ?? res.stderr.slice(-2000)}`);
  return Number(m[1]);
}

function main(): void {
  const which = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('valgrind is not installed (apt-get install valgrind)');
    process.exit(1);
  }
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, node ${process.version}, ${which.stdout.trim()}`);
  console.log('instructions (callgrind Ir) for N agents minus those for 1 agent, one run each\n');
  console.log('| agents | L1 instructions (G) | L2 instructions (G) | L2/L1 |');
  console.log('|---:|---:|---:|---:|');
  const base = { l1: instructions('l1', 1), l2: instructions('l2', 1) };
  for (const n of SIZES) {
    const l1 = instructions('l1', n) - base.l1;
    const l2 = instructions('l2', n) - base.l2;
    console.log(`| ${n.toLocaleString('en-US')} | ${(l1 / 1e9).toFixed(2)} | ${(l2 / 1e9).toFixed(2)} | ${(l2 / l1).toFixed(3)} |`);
  }
}

main();
