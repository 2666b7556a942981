/**
 * Python smoke test: the wheel the build made (dist/python), installed into a fresh virtualenv
 * outside the repository together with aws-cdk-lib from PyPI, runs a Python CDK app.
 *
 *   ts-node scripts/smoke-python.ts [--keep] [--only floor|latest]
 *
 * Once with aws-cdk-lib and constructs at this package's peer floor and once at their latest 2.x /
 * 10.x, each in its own temporary directory and virtualenv (made once, used for both runs below):
 *   1. `pip install`s the wheel, aws-cdk-lib and constructs, and checks the package came from the wheel;
 *   2. copies test/smoke/python (the README's Python quick start as quickstart.py, and app.py, which
 *      continues it with an advanced agent, an adopted agent and a CSV roster with generated
 *      passwords) and test/smoke/agents.csv, and runs `cdk synth --app "python3 app.py"` with this
 *      repository's cdk CLI;
 *   3. lints every template (nested ones included) with cfn-lint, counts the users, and reads the
 *      adopted one back with the package's `import-mapping` command;
 *   4. runs test/smoke/python/validation.py: a ConnectUser with bad values must raise a Python
 *      exception carrying the library's message.
 * Exits non-zero on the first problem; prints the versions tested and the time of each step.
 */
import * as fs from 'fs';
import * as path from 'path';
import { QUICKSTART_PY, README, readmePython } from './readme-python';
import {
  assertFresh, cleanEnv, fail, floorOf, inTempDir, ROOT, run, runSmoke, SMOKE_SOURCES, synthCheckValidate, theOneFile, toolVersion,
} from './smoke-common';

interface Variant {
  readonly name: string;
  /** pip requirement specifiers. */
  readonly awsCdkLib: string;
  readonly constructs: string;
}

const PIP_FLAGS = ['--disable-pip-version-check', '--no-input', '--timeout', '60', '--retries', '2'];

function smoke(variant: Variant, wheel: string, keep: boolean): string {
  const t0 = Date.now();
  return inTempDir(`cdk-connect-user-smoke-python-${variant.name}-`, keep, dir => {
    console.log(`\n== ${variant.name}: ${variant.awsCdkLib}, ${variant.constructs} in ${dir}`);
    // 1. One virtualenv for this aws-cdk-lib, holding the wheel and the libraries from PyPI.
    const venv = path.join(dir, 'venv');
    run('python3', ['-m', 'venv', venv], { cwd: dir, timeoutSeconds: 120 });
    const bin = path.join(venv, 'bin');
    const env = cleanEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}`, VIRTUAL_ENV: venv, PYTHONDONTWRITEBYTECODE: '1' });
    run(path.join(bin, 'pip'), ['install', ...PIP_FLAGS, wheel, variant.awsCdkLib, variant.constructs],
      { cwd: dir, env, timeoutSeconds: 900 });
    const report = JSON.parse(run(path.join(bin, 'python3'), ['-c', [
      'import importlib.metadata as m, json, platform',
      'names = ["cdk-connect-user", "aws-cdk-lib", "constructs", "jsii"]',
      'print(json.dumps({"python": platform.python_version(), **{n: m.version(n) for n in names},',
      '  "origin": m.distribution("cdk-connect-user").read_text("direct_url.json")}))',
    ].join('\n')], { cwd: dir, env, timeoutSeconds: 60, shown: 'python3 -c <installed versions>' }));
    const origin = JSON.parse(report.origin ?? '{}').url;
    if (origin !== `file://${wheel}`) fail(`cdk-connect-user was not installed from ${wheel} (direct_url.json: ${report.origin})`);
    const versions = `python ${report.python}, cdk-connect-user ${report['cdk-connect-user']} (the wheel), `
      + `aws-cdk-lib ${report['aws-cdk-lib']}, constructs ${report.constructs}, jsii ${report.jsii}`;
    console.log(`    ${versions}`);
    const tInstall = Date.now();

    // 2. The app.
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    for (const f of fs.readdirSync(path.join(SMOKE_SOURCES, 'python')).filter(n => n.endsWith('.py'))) {
      fs.copyFileSync(path.join(SMOKE_SOURCES, 'python', f), path.join(app, f));
    }
    fs.copyFileSync(path.join(SMOKE_SOURCES, 'agents.csv'), path.join(app, 'agents.csv'));

    // 3. cdk synth (the virtualenv's python3 first on the PATH), the assembly's checks, and the library's
    // error reaching Python as an exception with its message.
    return synthCheckValidate({
      variant: variant.name,
      versions,
      dir: app,
      env,
      app: 'python3 app.py',
      validation: {
        cmd: path.join(bin, 'python3'),
        args: ['validation.py'],
        passed: "validation error surfaced as a Python exception with the library's message",
        shows: out => out.split('\n').find(l => l.startsWith('builtins.')),
      },
      install: { label: 'venv+pip', started: t0, ended: tInstall },
    });
  });
}

function main(): string[] {
  const keep = process.argv.includes('--keep');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  console.log(`Python smoke test: ${toolVersion('python3', ['--version'], 'Python 3')}`);
  const wheel = theOneFile(path.join(ROOT, 'dist', 'python'), '.whl', "run 'npx projen build' (or 'npx projen package:python') first");
  assertFresh(wheel, "run 'npx projen package:python' again");
  console.log(`  ${path.relative(ROOT, wheel)} (${Math.round(fs.statSync(wheel).size / 1024)} KiB)`);
  // The app runs the README's Python quick start: the two must be the same text.
  if (readmePython(fs.readFileSync(README, 'utf8')).body !== fs.readFileSync(QUICKSTART_PY, 'utf8')) {
    fail(`${path.relative(ROOT, QUICKSTART_PY)} is not the README's Python quick start; run 'npx projen readme:python'`);
  }
  const variants: Variant[] = [
    { name: 'floor', awsCdkLib: `aws-cdk-lib==${floorOf('aws-cdk-lib')}`, constructs: `constructs==${floorOf('constructs')}` },
    { name: 'latest', awsCdkLib: 'aws-cdk-lib>=2,<3', constructs: 'constructs>=10,<11' },
  ].filter(v => only === undefined || v.name === only);
  if (variants.length === 0) fail(`--only takes floor or latest, not ${only}`);
  return variants.map(v => smoke(v, wheel, keep));
}

runSmoke('Python', main);
