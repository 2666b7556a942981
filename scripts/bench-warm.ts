/**
 * Construction alone, cold and warm: builds the same N users (default 3,000, in stacks of 400) six times in
 * one process, as raw CfnUsers (l1top), ConnectUsers (l2user) or roster agents (l2), built by scripts/bench-run.ts's own builders,
 * and prints the CPU milliseconds of each build. The first build pays for V8 warming up to the code; the
 * later ones show the steady cost per user. No synthesis.
 *
 *   node --expose-gc --single-threaded -r ts-node/register/transpile-only scripts/bench-warm.ts l1top|l2user|l2 [N]
 *
 * The library is loaded from lib/ (run `npx projen compile` first).
 */
import { App } from 'aws-cdk-lib';
import { l1top, l2, l2user } from './bench-run';

function main(): void {
  const [mode, count] = process.argv.slice(2);
  const n = Number(count ?? 3000);
  const builders: { [mode: string]: (app: App, n: number) => void } = { l1top, l2user, l2 };
  if (!Object.prototype.hasOwnProperty.call(builders, mode) || !Number.isInteger(n)) {
    console.error('usage: bench-warm l1top|l2user|l2 [N]');
    process.exit(2);
  }
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const builds: number[] = [];
  for (let r = 0; r < 6; r++) {
    const t = cpu();
    // No stack traces in metadata, as under `cdk synth`.
    builders[mode](new App({ context: { 'aws:cdk:disable-stack-trace': true } }), n);
    builds.push(Math.round(cpu() - t));
    (globalThis as { gc?: () => void }).gc?.();
  }
  console.log(`${mode} ${n}: CPU ms per build, first (cold) to last: ${builds.join(' ')}`);
}

main();
