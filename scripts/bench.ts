/**
 * npm run bench: synthesizes 1,000, 5,000 and 10,000 agents through
 * ConnectUserRoster (L2) and as raw CfnUsers in nested stacks of 400 (L1), with
 * the same properties, alternating the kinds, each run in a fresh process, and
 * prints the medians of CPU time, wall time and peak RSS and the ratios.
 *
 * `BENCH_MODES` (default l1,l2) picks the kinds (see scripts/bench-run.ts), e.g.
 * l1,l1top,l2 to add raw CfnUsers in top-level stacks of 400. Each round runs
 * every kind once, in the order given; ratios are of every later kind over
 * every earlier one.
 *
 *   BENCH_RUNS=5 BENCH_SIZES=1000,5000,10000 npm run bench
 *   BENCH_MODES=l1,l1top,l2 BENCH_SIZES=5000 npm run bench
 */
import { spawnSync } from 'child_process';
import * as os from 'os';

interface Run { cpuMs: number; wallMs: number; maxRssMb: number }

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,5000,10000').split(',').map(Number);
const MODES = (process.env.BENCH_MODES ?? 'l1,l2').split(',').map(m => m.trim());
const LABEL = (m: string) => m.toUpperCase().replace('TOP', 'top');

function run(mode: string, n: number): Run {
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
  console.log(`runs: ${RUNS} per size and kind, rounds of ${MODES.join(', ')}; medians, and the CPU minimum`);
  console.log('(time stolen by other tenants of a virtual machine only ever adds, so the minimum is the steadier CPU figure)\n');
  const pairs: Array<[number, number]> = [];
  MODES.forEach((_, a) => MODES.forEach((__, b) => { if (b > a) pairs.push([b, a]); }));
  const header = ['agents'];
  for (const m of MODES) header.push(`${LABEL(m)} CPU s`);
  for (const [b, a] of pairs) header.push(`CPU ${LABEL(MODES[b])}/${LABEL(MODES[a])}`, `CPU ${LABEL(MODES[b])}/${LABEL(MODES[a])} (min)`);
  for (const m of MODES) header.push(`${LABEL(m)} wall s`);
  for (const m of MODES) header.push(`${LABEL(m)} peak RSS MB`);
  for (const [b, a] of pairs) header.push(`RSS ${LABEL(MODES[b])}/${LABEL(MODES[a])}`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---:').join('|')}|`);
  for (const n of SIZES) {
    const runs: Run[][] = MODES.map(() => []);
    for (let i = 0; i < RUNS; i++) {
      MODES.forEach((m, k) => runs[k].push(run(m, n)));
    }
    const med = (k: number, key: keyof Run) => median(runs[k].map(r => r[key]));
    const row = [n.toLocaleString('en-US')];
    MODES.forEach((_, k) => row.push((med(k, 'cpuMs') / 1000).toFixed(2)));
    for (const [b, a] of pairs) {
      row.push((med(b, 'cpuMs') / med(a, 'cpuMs')).toFixed(3), (min(runs[b].map(r => r.cpuMs)) / min(runs[a].map(r => r.cpuMs))).toFixed(3));
    }
    MODES.forEach((_, k) => row.push((med(k, 'wallMs') / 1000).toFixed(2)));
    MODES.forEach((_, k) => row.push(med(k, 'maxRssMb').toFixed(0)));
    for (const [b, a] of pairs) row.push((med(b, 'maxRssMb') / med(a, 'maxRssMb')).toFixed(3));
    console.log(`| ${row.join(' | ')} |`);
    if (process.env.BENCH_RAW) {
      MODES.forEach((m, k) => console.log(`raw ${m} ${n}: ${runs[k].map(r => `${(r.cpuMs / 1000).toFixed(2)}s/${r.maxRssMb.toFixed(0)}MB`).join(' ')}`));
    }
  }
}

main();
