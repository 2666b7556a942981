/**
 * Where a run's synthesis time goes: wraps CDK's synthesis phases (prepareApp,
 * resolveReferences, NestedStack._prepareTemplateAsset, Stack._toCloudFormation,
 * Stack._synthesizeTemplate, the synthesizers) with process.cpuUsage() and
 * counters, then runs scripts/bench-run.ts with the same arguments.
 *
 *   ts-node scripts/bench-phases.ts l1|l1top|l2 <N>
 *
 * Phases nest (resolveReferences runs inside prepareApp, _toCloudFormation inside
 * both), so the figures are inclusive. Internal CDK APIs: a diagnostic, not a bench.
 *
 * In instructions: every phase boundary calls process.cpuUsage(), i.e. libuv's
 * uv_getrusage, once, so callgrind can cut the run there and count each piece:
 *
 *   valgrind --tool=callgrind --dump-instr=no --dump-before=uv_getrusage \
 *     --callgrind-out-file=/tmp/cg/out node --predictable ... -r ts-node/register/transpile-only \
 *     scripts/bench-phases.ts l1 5000 2>events.txt
 *
 * The run prints the boundaries in order (`EVENTS [...]` on stderr); piece k (the
 * dump file out.k) is what ran up to boundary k. scripts/bench-phases-sum.py adds them up per phase.
 */
import * as path from 'path';

const core = path.join(path.dirname(require.resolve('aws-cdk-lib/package.json')), 'core', 'lib');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (p: string) => require(path.join(core, p));

const totals: { [phase: string]: { ms: number; calls: number } } = {};
const events: string[] = [];
const cpuUsage = process.cpuUsage.bind(process);
const resourceUsage = process.resourceUsage.bind(process);
// Every call is one uv_getrusage, one callgrind boundary, one event.
process.cpuUsage = ((prev?: NodeJS.CpuUsage) => { events.push('bench-run:cpuUsage'); return cpuUsage(prev); }) as typeof process.cpuUsage;
process.resourceUsage = (() => { events.push('bench-run:resourceUsage'); return resourceUsage(); }) as typeof process.resourceUsage;
const mark = (label: string) => { events.push(label); const u = cpuUsage(); return (u.user + u.system) / 1000; };
const stack: string[] = [];

function wrap(obj: any, key: string, phase: string): void {
  const orig = obj[key];
  obj[key] = function (this: any, ...args: any[]) {
    // Count a phase once when it recurses into itself.
    const outer = !stack.includes(phase);
    stack.push(phase);
    const t0 = mark(`${phase}:start`);
    try {
      return orig.apply(this, args);
    } finally {
      stack.pop();
      const t = totals[phase] ?? (totals[phase] = { ms: 0, calls: 0 });
      t.calls++;
      const t1 = mark(`${phase}:end`);
      if (outer) t.ms += t1 - t0;
    }
  };
}

const { Stack, NestedStack, App } = load('index.js');
wrap(load('private/prepare-app.js'), 'prepareApp', 'synth > prepareApp');
wrap(load('private/refs.js'), 'resolveReferences', 'synth > prepareApp > resolveReferences');
wrap(NestedStack.prototype, '_prepareTemplateAsset', 'synth > prepareApp > NestedStack._prepareTemplateAsset');
wrap(Stack.prototype, '_toCloudFormation', 'Stack._toCloudFormation (any caller)');
wrap(Stack.prototype, '_synthesizeTemplate', 'synth > synthesizeTree > Stack._synthesizeTemplate');
wrap(App.prototype, 'synth', 'synth (total)');
for (const f of ['default-synthesizer.js', 'nested.js']) {
  const m = load(path.join('stack-synthesizers', f));
  for (const cls of Object.values(m) as any[]) {
    if (typeof cls === 'function' && cls.prototype?.synthesize) wrap(cls.prototype, 'synthesize', `synth > synthesizeTree > ${cls.name}.synthesize`);
  }
}
// Aspects, tree metadata and validation are module-private functions of synthesis.js: their share
// is what is left of 'synth (total)' outside prepareApp and the synthesizers.

process.on('exit', () => {
  console.error(`EVENTS ${JSON.stringify(events)}`);
  for (const [phase, t] of Object.entries(totals).sort()) {
    console.error(`${phase.padEnd(70)} ${(t.ms / 1000).toFixed(2).padStart(7)} s ${String(t.calls).padStart(8)} calls`);
  }
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./bench-run');
