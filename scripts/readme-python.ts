/**
 * The README's Python quick start is jsii-rosetta's translation of its TypeScript quick start, unedited.
 *
 *   ts-node scripts/readme-python.ts [--check]
 *
 * Reads rosetta's translations (`.jsii.tabl.json`, written by `jsii-rosetta extract` from the compiled
 * assembly), finds the one of the README's first TypeScript block under "## Quick start", and writes its
 * Python translation into the README's first ```python block and into test/smoke/python/quickstart.py,
 * the file the Python smoke test runs. With --check it writes nothing and exits non-zero when either
 * differs. A translation that needs a fix is fixed in the TypeScript source, never here.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
export const README = path.join(ROOT, 'README.md');
export const QUICKSTART_PY = path.join(ROOT, 'test', 'smoke', 'python', 'quickstart.py');
const TABLET = path.join(ROOT, '.jsii.tabl.json');

interface Snippet {
  readonly didCompile?: boolean;
  readonly translations: Record<string, { source: string }>;
}

/** The fenced blocks of a language with where their text starts and ends in `text`. */
function fences(text: string, lang: string): Array<{ body: string; start: number; end: number }> {
  return [...text.matchAll(new RegExp(`^\`\`\`${lang}\\b[^\\n]*\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map(m => {
    const start = m.index! + m[0].indexOf('\n') + 1;
    return { body: m[1], start, end: start + m[1].length };
  });
}

/** The TypeScript quick start: the first ```ts block after the "## Quick start" heading. */
export function typescriptQuickStart(readme: string): string {
  const at = readme.search(/^## Quick start$/m);
  if (at < 0) throw new Error('README.md has no "## Quick start" heading');
  const block = fences(readme.slice(at), 'ts')[0];
  if (!block) throw new Error('README.md has no ```ts block under "## Quick start"');
  return block.body;
}

/** rosetta's Python translation of the README's TypeScript quick start, as a file's text. */
export function rosettaPython(readme: string): string {
  if (!fs.existsSync(TABLET)) throw new Error(`${TABLET} is missing: run 'npx projen compile && npx projen rosetta' first`);
  const tablet: { snippets: Record<string, Snippet> } = JSON.parse(fs.readFileSync(TABLET, 'utf8'));
  const ts = typescriptQuickStart(readme).trimEnd();
  const matches = Object.values(tablet.snippets).filter(s => s.translations.$?.source.trimEnd() === ts);
  if (matches.length !== 1) {
    throw new Error(`${matches.length} snippets of ${path.basename(TABLET)} hold the README's quick start; expected 1 `
      + "(the README changed since the last compile? run 'npx projen compile && npx projen rosetta')");
  }
  const [snippet] = matches;
  if (snippet.didCompile !== true) throw new Error('rosetta did not compile the README\'s quick start: its translation is not to be trusted');
  const python = snippet.translations.python?.source;
  if (!python) throw new Error(`${path.basename(TABLET)} has no Python translation of the README's quick start`);
  return `${python.trimEnd()}\n`;
}

/** The README's Python quick start: its first ```python block. */
export function readmePython(readme: string): { body: string; start: number; end: number } {
  const block = fences(readme, 'python')[0];
  if (!block) throw new Error('README.md has no ```python block');
  return block;
}

function main(): void {
  const check = process.argv.includes('--check');
  const readme = fs.readFileSync(README, 'utf8');
  const python = rosettaPython(readme);
  const block = readmePython(readme);
  const current = fs.existsSync(QUICKSTART_PY) ? fs.readFileSync(QUICKSTART_PY, 'utf8') : '';
  const stale = [
    ...(block.body === python ? [] : ['README.md (its first ```python block)']),
    ...(current === python ? [] : [path.relative(ROOT, QUICKSTART_PY)]),
  ];
  if (check) {
    if (stale.length > 0) {
      console.error(`Not rosetta's Python translation of the README's TypeScript quick start: ${stale.join(', ')}. `
        + "Run 'npx projen readme:python' to write it (fix a bad translation in the TypeScript, not in the Python).");
      process.exit(1);
    }
    console.log('README.md and test/smoke/python/quickstart.py hold rosetta\'s Python translation of the quick start.');
    return;
  }
  if (block.body !== python) fs.writeFileSync(README, readme.slice(0, block.start) + python + readme.slice(block.end));
  if (current !== python) fs.writeFileSync(QUICKSTART_PY, python);
  console.log(stale.length > 0
    ? `Wrote rosetta's Python quick start into ${stale.join(' and ')}.`
    : 'The README\'s Python quick start and test/smoke/python/quickstart.py are rosetta\'s translation already.');
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
