/**
 * The shape of src/: no import circle (run-time or type-only), modules import
 * downward through the layers below (at most 3 exceptions, each listed with its
 * reason), and no file over 450 lines.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.join(__dirname, '..', 'src');

/**
 * The layers, lowest first: a module may import its own layer and the ones below.
 * The first pattern a module's path (relative to src/) matches decides its layer.
 */
export const LAYERS: ReadonlyArray<[string, RegExp]> = [
  // Leaves: shared helpers and the public enums and plain interfaces that import nothing of ours.
  ['leaf', /^(private\/(problems|arn|instance|registry|adopt|shared-checks|find-user|lookup-handler|json)|identity)\.ts$/],
  ['rules', /^private\/rules\//],
  // Public value classes and props types: they check their own inputs with the rules.
  ['values', /^(phone-config|channel-settings|proficiency|password|references|connect-user-props|roster-props)\.ts$/],
  // How one user is declared, checked and built (with a stack's quotas per template and creation pacing);
  // how a roster reads and lays out its agents.
  ['user', /^private\/(user\/|stack-quotas\.ts$|pacing\.ts$)/],
  ['roster', /^private\/roster\//],
  // The constructs and the package's entry point.
  ['constructs', /^(connect-user|roster|pacing|index)\.ts$/],
  ['cli', /^cli\//],
];

/** Imports from a lower layer to a higher one that are accepted, each with its reason. At most 3. */
const ALLOWED_UPWARD: Record<string, string> = {
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

function layerOf(file: string): number {
  const r = rel(file);
  const i = LAYERS.findIndex(([, re]) => re.test(r));
  if (i < 0) throw new Error(`${r} is in no layer: add it to LAYERS`);
  return i;
}

/** Every import (and `export … from`) of our own modules, type-only ones included. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(i => i.fileName).filter(n => n.startsWith('.')).map(n => {
    const base = path.resolve(path.dirname(file), n);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
    throw new Error(`${rel(file)} imports ${n}, which is no file`);
  });
}

const all = files(SRC);
const graph = new Map(all.map(f => [f, importsOf(f)]));

describe('src/ layout', () => {
  it('has no import circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const g of graph.get(f)!) {
        if (state.get(g) === 'open') circles.push([...stack.slice(stack.indexOf(g)), g].map(rel).join(' -> '));
        else if (!state.has(g)) visit(g);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of all) if (!state.has(f)) visit(f);
    expect(circles).toEqual([]);
  });

  it('imports downward through the layers, with at most 3 listed exceptions', () => {
    const upward: string[] = [];
    for (const [f, imports] of graph) {
      for (const g of imports) {
        if (layerOf(g) > layerOf(f)) upward.push(`${rel(f)} -> ${rel(g)}`);
      }
    }
    expect(upward.filter(u => !(u in ALLOWED_UPWARD))).toEqual([]);
    expect(Object.keys(ALLOWED_UPWARD).length).toBeLessThanOrEqual(3);
    // A listed exception that no longer happens is removed from the list.
    expect(Object.keys(ALLOWED_UPWARD).filter(u => !upward.includes(u))).toEqual([]);
  });

  it('has no file over 450 lines', () => {
    const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const long = all.map(f => [rel(f), lines(fs.readFileSync(f, 'utf8'))] as const).filter(([, n]) => n > 450);
    expect(long).toEqual([]);
  });
});
