/**
 * npm run bench:instructions: the same runs as `npm run bench`, counted in CPU
 * instructions under valgrind (callgrind) instead of timed. Instruction counts
 * do not move with other tenants of a virtual machine or with CPU frequency;
 * timings on a shared 2-core VM swing by 25 %. Valgrind runs every thread of the
 * process, GC helpers included, on one core.
 *
 * What makes a count repeatable (the same run counted twice agrees to 0.01 %,
 * where without these it differed by up to 9 %, and by 25 % for a 1-agent run):
 * - V8's `--predictable`: the JIT compiler and the GC work on the main thread,
 *   at points fixed by the program rather than by timing;
 * - fixed hash and random seeds, and no memory reducer (a GC that a timer starts);
 * - `DISABLE_V8_COMPILE_CACHE`: ts-node keeps compiled code in a cache under the
 *   temporary directory, so a count depended on whether an earlier or a
 *   concurrent run had filled it.
 * The runs go two at a time.
 *
 * The seeds still matter: they change what is allocated where, and so when the
 * garbage collector runs. The same 5,000-agent L1 run counted 25.65 G with seed 1
 * and 25.46 G with seed 2 (0.7 %). So every count is made with each of several
 * seeds (`BENCH_SEEDS`, default 1,2,3), and the script prints each seed's ratio
 * and their median.
 *
 * Each size is counted as (N agents) minus (1 agent), so that starting Node.js
 * and loading modules, the same for both kinds, is left out.
 *
 * `BENCH_MODES` (default l1,l2) picks the kinds of run (see scripts/bench-run.ts):
 * l1 (CfnUsers in nested stacks of 400), l1top (CfnUsers in top-level stacks of
 * 400) and l2 (ConnectUserRoster). The script prints every pair's ratio.
 *
 *   BENCH_SIZES=5000 BENCH_SEEDS=1,2,3 npm run bench:instructions   (about 20 minutes on 2 cores)
 *   BENCH_MODES=l1,l2,l1top BENCH_SEEDS=1 npm run bench:instructions
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SIZES = (process.env.BENCH_SIZES ?? '5000').split(',').map(Number);
const SEEDS = (process.env.BENCH_SEEDS ?? '1,2,3').split(',').map(Number);
const MODES = (process.env.BENCH_MODES ?? 'l1,l2').split(',').map(m => m.trim());
for (const m of MODES) {
  if (!/^(l1|l1top|l2|l2user)$/.test(m)) throw new Error(`BENCH_MODES: unknown mode ${m}; expected l1, l1top, l2 or l2user`);
}
const LABEL: { [mode: string]: string } = { l1: 'L1', l2: 'L2', l1top: 'L1top', l2user: 'L2user' };

async function instructions(mode: string, n: number, seed: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callgrind-'));
  const child = spawn('valgrind', [
    '--tool=callgrind', `--callgrind-out-file=${path.join(dir, 'callgrind.out')}`,
    process.execPath, '--predictable', `--hash-seed=${seed}`, `--random-seed=${seed}`, '--no-memory-reducer',
    '-r', 'ts-node/register/transpile-only', 'scripts/bench-run.ts', mode, String(n),
  ], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISABLE_V8_COMPILE_CACHE: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const status = await new Promise<number | null>(resolve => child.on('close', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  const m = /Collected\s*:\s*(\d+)/.exec(stderr);
  if (status !== 0 || !m) throw new Error(`valgrind ${mode} ${n} failed (status ${status}): ${stderr.slice(-2000)}`);
  return Number(m[1]);
}

/** Runs the tasks two at a time, keeping their order in the result. */
async function twoAtATime<T>(tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

async function main(): Promise<void> {
  const which = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.error('valgrind is not installed (apt-get install valgrind)');
    process.exit(1);
  }
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, node ${process.version} --predictable, ${which.stdout.trim()}`);
  console.log(`instructions (callgrind Ir) for N agents minus those for 1 agent, one run per seed (seeds ${SEEDS.join(', ')})\n`);
  // Every pair of modes, in the order given (l2/l1, l1top/l1, l2/l1top, …: later over earlier).
  const pairs: Array<[number, number]> = [];
  MODES.forEach((_, a) => MODES.forEach((__, b) => { if (b > a) pairs.push([b, a]); }));
  const pairName = ([b, a]: [number, number]) => `${LABEL[MODES[b]]}/${LABEL[MODES[a]]}`;
  const header = ['agents', 'seed', ...MODES.map(m => `${LABEL[m]} instructions (G)`), ...pairs.map(pairName)];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---:').join('|')}|`);
  // Per seed: every mode at 1 agent, then at each size.
  const runs = SEEDS.flatMap(seed => [1, ...SIZES].flatMap(n => MODES.map(mode => () => instructions(mode, n, seed))));
  const counts = await twoAtATime(runs);
  const perSeed = MODES.length * (SIZES.length + 1);
  const g = (x: number) => (x / 1e9).toFixed(2);
  SIZES.forEach((n, i) => {
    const byMode: number[][] = MODES.map(() => []);
    const ratios: number[][] = pairs.map(() => []);
    SEEDS.forEach((seed, s) => {
      const at = (k: number) => counts[s * perSeed + k];
      const net = MODES.map((_, m) => at(MODES.length * (i + 1) + m) - at(m));
      net.forEach((x, m) => byMode[m].push(x));
      pairs.forEach(([b, a], p) => ratios[p].push(net[b] / net[a]));
      console.log(`| ${[n.toLocaleString('en-US'), seed, ...net.map(g), ...pairs.map(([b, a]) => (net[b] / net[a]).toFixed(3))].join(' | ')} |`);
    });
    if (SEEDS.length > 1) {
      console.log(`| ${[n.toLocaleString('en-US'), 'median', ...byMode.map(xs => g(median(xs))), ...ratios.map(xs => `**${median(xs).toFixed(3)}**`)].join(' | ')} |`);
    }
  });
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
