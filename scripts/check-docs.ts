/**
 * Checks the API documentation in the jsii assembly (`.jsii`, written by
 * `npx projen compile`), which is what API.md and every language's docs are
 * made from:
 *
 * - every type, property, method, enum member and parameter has a summary;
 * - every optional property says what happens when it is not set (`@default`);
 * - every construct class, props interface and enum links to the AWS
 *   documentation (`@see https://docs.aws.amazon.com/...`);
 * - no stray `@` in a comment cut it short (jsii reads `@word` as a tag).
 *
 *   ts-node scripts/check-docs.ts [path to .jsii]
 *
 * Prints each problem as `file:line Type.member: what is missing` and exits
 * non-zero when there is any.
 */
import * as fs from 'fs';

/** The parts of a jsii assembly's documentation this check reads. */
export interface Docs {
  readonly summary?: string;
  readonly default?: string;
  readonly see?: string;
  readonly custom?: { [tag: string]: string };
}

interface Location {
  readonly filename: string;
  readonly line: number;
}

interface Parameter {
  readonly name: string;
  readonly docs?: Docs;
}

interface Callable {
  readonly name?: string;
  readonly docs?: Docs;
  readonly parameters?: Parameter[];
  readonly locationInModule?: Location;
}

interface Property {
  readonly name: string;
  readonly optional?: boolean;
  readonly docs?: Docs;
  readonly locationInModule?: Location;
}

/** A type of a jsii assembly, as far as this check reads it. */
export interface AssemblyType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly datatype?: boolean;
  readonly docs?: Docs;
  readonly locationInModule?: Location;
  readonly initializer?: Callable;
  readonly properties?: Property[];
  readonly methods?: Callable[];
  readonly members?: { name: string; docs?: Docs }[];
}

const AWS_DOCS = 'https://docs.aws.amazon.com/';

/**
 * Problems known and accepted for now, as `Type` or `Type.member` and the
 * start of the message. Each must still occur: once it is fixed, the check
 * fails until the entry is deleted here, so the list only shrinks.
 */
export const KNOWN_GAPS: readonly string[] = [];

/** Where a type or member is declared, for the problem messages. */
function where(t: AssemblyType, loc: Location | undefined, member?: string): string {
  const l = loc ?? t.locationInModule;
  const file = l ? `${l.filename}:${l.line}` : '(unknown file)';
  return `${file} ${t.name}${member ? `.${member}` : ''}`;
}

function isConstruct(t: AssemblyType): boolean {
  // The construct signature: (scope: Construct, id: string, props?)
  const first = t.initializer?.parameters?.[0] as { type?: { fqn?: string } } | undefined;
  return t.kind === 'class' && first?.type?.fqn === 'constructs.Construct';
}

/**
 * The documentation problems of an assembly's types, one line each, naming
 * the file, line, type and member.
 */
export function docProblems(types: AssemblyType[]): string[] {
  const problems: string[] = [];
  const checkDocs = (at: string, docs: Docs | undefined, what: string) => {
    if (!docs?.summary?.trim()) problems.push(`${at}: no summary (the first sentence of the ${what}'s doc comment)`);
    if (docs?.custom && '' in docs.custom) {
      problems.push(`${at}: a stray '@' (after a space) cut the doc comment short; quote it in backticks without a space before it`);
    }
  };
  const checkParameters = (t: AssemblyType, c: Callable, name: string) => {
    for (const p of c.parameters ?? []) {
      if (!p.docs?.summary?.trim()) {
        problems.push(`${where(t, c.locationInModule, name)}: parameter '${p.name}' has no description (@param ${p.name} ...)`);
      }
    }
  };

  for (const t of [...types].sort((a, b) => a.name.localeCompare(b.name))) {
    checkDocs(where(t, undefined), t.docs, t.kind);

    const needsSee = isConstruct(t) || t.kind === 'enum' || (t.kind === 'interface' && t.datatype && t.name.endsWith('Props'));
    if (needsSee && !t.docs?.see?.startsWith(AWS_DOCS)) {
      const kind = t.kind === 'enum' ? 'enum' : isConstruct(t) ? 'construct' : 'props interface';
      problems.push(`${where(t, undefined)}: no @see ${AWS_DOCS}... (every ${kind} links to the AWS documentation)`);
    }

    if (t.initializer) checkParameters(t, t.initializer, 'constructor');
    for (const p of t.properties ?? []) {
      const at = where(t, p.locationInModule, p.name);
      checkDocs(at, p.docs, 'property');
      if (p.optional && !p.docs?.default?.trim()) {
        problems.push(`${at}: optional but no @default (a literal, or '- what happens when it is not set')`);
      }
    }
    for (const m of t.methods ?? []) {
      checkDocs(where(t, m.locationInModule, `${m.name}()`), m.docs, 'method');
      checkParameters(t, m, `${m.name}()`);
    }
    for (const m of t.members ?? []) {
      checkDocs(where(t, undefined, m.name), m.docs, 'enum member');
    }
  }
  return problems;
}

/** `file:line Type.member: message` without the location, as KNOWN_GAPS lists it. */
function withoutLocation(problem: string): string {
  return problem.replace(/^\S+ /, '');
}

/**
 * Splits problems into the new ones and the known gaps, and lists the known
 * gaps that no longer occur (fixed, so to be deleted from the list).
 */
export function triage(problems: string[], known: readonly string[] = KNOWN_GAPS): { fresh: string[]; stale: string[] } {
  const isKnown = (p: string, k: string) => withoutLocation(p).startsWith(k);
  return {
    fresh: problems.filter(p => !known.some(k => isKnown(p, k))),
    stale: known.filter(k => !problems.some(p => isKnown(p, k))),
  };
}

function main(): void {
  const file = process.argv[2] ?? '.jsii';
  if (!fs.existsSync(file)) {
    console.error(`${file} not found: run 'npx projen compile' first (the check reads the jsii assembly).`);
    process.exit(2);
  }
  const assembly = JSON.parse(fs.readFileSync(file, 'utf8')) as { types?: { [fqn: string]: AssemblyType } };
  const types = Object.values(assembly.types ?? {});
  const problems = docProblems(types);
  const { fresh, stale } = triage(problems);
  for (const p of problems.filter(x => !fresh.includes(x))) console.warn(`API documentation, known gap: ${p}`);
  if (fresh.length > 0) {
    console.error(`API documentation: ${fresh.length} problem(s) in ${file}:`);
    for (const p of fresh) console.error(`  ${p}`);
  }
  if (stale.length > 0) {
    console.error('API documentation: fixed, so delete from KNOWN_GAPS in scripts/check-docs.ts:');
    for (const k of stale) console.error(`  ${k}`);
  }
  if (fresh.length > 0 || stale.length > 0) process.exit(1);
  console.log(`API documentation: ${types.length} types documented (summaries, @default, @see) in ${file}.`);
}

if (require.main === module) {
  main();
}
