/**
 * The real `aws-cdk` CLI (a dev dependency), as a user runs it: `cdk synth` with the CLI's
 * defaults (version reporting, path and asset metadata), which an in-process App does not add.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Runs `cdk synth --quiet --no-notices` on a TypeScript app of this repository (a path from the
 * repository's root) into `out`, with `env` added to the environment; throws with the CLI's
 * stderr when it fails. Bounded: three minutes.
 */
export function cdkSynth(app: string, out: string, env: Record<string, string>): void {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '--no-notices',
    '--app', `${process.execPath} -r ts-node/register/transpile-only ${app}`, '--output', out], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', ...env },
  });
  if (res.status !== 0) throw new Error(`cdk synth ${app} failed (${res.status ?? res.signal}): ${res.stderr}`);
}
