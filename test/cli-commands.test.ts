/**
 * The shape of the CLI (src/cli): one module per command under commands/, each
 * listed by main and documenting its exit codes in --help; and no import circle
 * among the CLI's modules, type-only imports included.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './util/tmp';
import { Command, USAGE_EXIT } from '../src/cli/commands/command';
import { exportCommand } from '../src/cli/commands/export';
import { importMappingCommand } from '../src/cli/commands/import-mapping';
import { importRosterCommand } from '../src/cli/commands/import-roster';
import { planCommand } from '../src/cli/commands/plan';
import { preflightCommand } from '../src/cli/commands/preflight';
import { packageVersion, versionCommand } from '../src/cli/commands/version';
import { main } from '../src/cli/main';

const CLI = path.join(__dirname, '..', 'src', 'cli');
const COMMANDS_DIR = path.join(CLI, 'commands');

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: l => out.push(l), err: l => err.push(l) });
  return { code, out, err };
}

/** Each command module's command, by file name. */
const MODULES: Array<[string, Command]> = [
  ['export', exportCommand], ['import-mapping', importMappingCommand], ['import-roster', importRosterCommand], ['plan', planCommand],
  ['preflight', preflightCommand], ['version', versionCommand],
];

describe('commands', () => {
  it('are one module each, named as the command, all of them listed by main', async () => {
    const files = fs.readdirSync(COMMANDS_DIR).filter(f => f !== 'command.ts').map(f => f.replace(/\.ts$/, '')).sort();
    expect(files).toEqual(MODULES.map(([file]) => file));
    const list = (await run(['--help'])).out;
    expect(list.filter(l => /^ {2}\S/.test(l))).toHaveLength(MODULES.length);
    for (const [file, command] of MODULES) {
      expect(command.name).toBe(file);
      expect(list).toContain(`  ${command.name.padEnd(16)}${command.summary}`);
    }
  });

  /** Commands with more exit codes than 0, 1 and 2: 3 is an input they cannot read or an endpoint that failed. */
  const MORE_CODES: Record<string, number[]> = { plan: [3], preflight: [3] };
  it.each(MODULES)('%s --help ends with its exit codes, 0, 1 and 2 (usage) each once, then its own', async (name, command) => {
    expect(command.exitCodes.map(e => e.code)).toEqual([0, 1, 2, ...(MORE_CODES[name] ?? [])]);
    expect(command.exitCodes).toContain(USAGE_EXIT);
    const { code, out } = await run([name, '--help']);
    expect(code).toBe(0);
    const block = out.slice(out.indexOf('Exit codes:') + 1);
    expect(out.indexOf('Exit codes:')).toBeGreaterThan(0);
    for (const { code: exit, meaning } of command.exitCodes) {
      const at = block.findIndex(l => l.startsWith(`  ${exit}  `));
      expect(at, `exit ${exit}`).toBeGreaterThanOrEqual(0);
      // The meaning, wrapped: its line and those up to the next code, each at most 110 characters.
      const next = block.findIndex((l, i) => i > at && /^ {2}\d {2}/.test(l));
      const lines = block.slice(at, next === -1 ? undefined : next);
      expect(lines.map(l => l.slice(5)).join(' ')).toBe(meaning);
      expect(lines.every(l => l.length <= 110)).toBe(true);
    }
  });
});

describe('--version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));

  it.each([['--version'], ['-V'], ['version']])("'%s' prints the version of package.json, exit 0", async arg => {
    expect(await run([arg])).toEqual({ code: 0, out: [pkg.version], err: [] });
  });

  it('is documented in --help, and takes no argument', async () => {
    expect((await run(['--help'])).out).toContain("'cdk-connect-user --version' (or -V) prints the version of the package.");
    const extra = await run(['version', 'cdk.out']);
    expect(extra.code).toBe(2);
    expect(extra.err[0]).toBe("cdk-connect-user version: expected no argument, got 'cdk.out'");
  });

  const tmp = tempDirs('version');
  it('fails (exit 1 in main) on a package.json without a version', () => {
    const file = path.join(tmp(), 'package.json');
    fs.writeFileSync(file, '{"name":"x"}');
    expect(() => packageVersion(file)).toThrow(`${file} has no version`);
  });
});

describe('src/cli', () => {
  /** Every module of src/cli (relative path without .ts) -> the src/cli modules it imports, type-only and re-exports included. */
  function importGraph(): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const text = fs.readFileSync(file, 'utf8');
        const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gms)]
          .map(m => path.relative(CLI, path.resolve(path.dirname(file), m[1])))
          .filter(t => !t.startsWith('..'));
        graph.set(path.relative(CLI, file).replace(/\.ts$/, ''), targets);
      }
    };
    walk(CLI);
    return graph;
  }

  it('has no import circle, type-only imports included', () => {
    const graph = importGraph();
    expect(graph.get('main')).toEqual(expect.arrayContaining(['commands/command', 'commands/plan']));
    expect(graph.get('import-roster-run')).toEqual(expect.arrayContaining(['aws/cloudformation', 'import-roster-plan']));
    const circles: string[] = [];
    // Depth-first, each module finished once: the walk visits each edge once.
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, trail: string[]): void => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        circles.push([...trail.slice(trail.indexOf(module)), module].join(' -> '));
        return;
      }
      state.set(module, 'open');
      for (const next of graph.get(module) ?? []) visit(next, [...trail, module]);
      state.set(module, 'done');
    };
    for (const module of [...graph.keys()].sort()) visit(module, []);
    expect(circles).toEqual([]);
  });
});
