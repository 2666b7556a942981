/**
 * npm run bench: synthesizes 1,000, 5,000 and 10,000 agents through
 * ConnectUserRoster (L2) and as raw CfnUsers in nested stacks of 400 (L1), with
 * the same properties, alternating L1 and L2, each run in a fresh process, and
 * prints the medians of CPU time, wall time and peak RSS and the L2/L1 ratios.
 *
 *   BENCH_RUNS=5 BENCH_SIZES=1000,5000,10000 npm run bench
 */
import { spawnSync } from 'child_process';
import * as os from 'os';

interface Run { cpuMs: number; wallMs: number; maxRssMb: number }

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);

function run(mode: 'l1' | 'l2', n: number): Run {
  const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/bench-run.ts', mode, String(n)], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`bench-run ${mode} ${n} failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!);
}

const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main(): void {
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`runs: ${RUNS} per size and kind, alternating L1 and L2; medians, and the CPU minimum`);
  console.log('(time stolen by other tenants of a virtual machine only ever adds, so the minimum is the steadier CPU figure)\n');
  console.log('| agents | L1 CPU s | L2 CPU s | CPU L2/L1 | CPU L2/L1 (min) | L1 wall s | L2 wall s | wall L2/L1 | L1 peak RSS MB | L2 peak RSS MB | RSS L2/L1 |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of SIZES) {
    const l1: Run[] = [];
    const l2: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      l1.push(run('l1', n));
      l2.push(run('l2', n));
    }
    const m = (rs: Run[], k: keyof Run) => median(rs.map(r => r[k]));
    const row = [
      n.toLocaleString('en-US'),
      (m(l1, 'cpuMs') / 1000).toFixed(2), (m(l2, 'cpuMs') / 1000).toFixed(2), (m(l2, 'cpuMs') / m(l1, 'cpuMs')).toFixed(3),
      (min(l2.map(r => r.cpuMs)) / min(l1.map(r => r.cpuMs))).toFixed(3),
      (m(l1, 'wallMs') / 1000).toFixed(2), (m(l2, 'wallMs') / 1000).toFixed(2), (m(l2, 'wallMs') / m(l1, 'wallMs')).toFixed(3),
      m(l1, 'maxRssMb').toFixed(0), m(l2, 'maxRssMb').toFixed(0), (m(l2, 'maxRssMb') / m(l1, 'maxRssMb')).toFixed(3),
    ];
    console.log(`| ${row.join(' | ')} |`);
  }
}

main();
