/**
 * Checks every CloudFormation template of a cloud assembly with cfn-lint and
 * says where the templates are and how many Amazon Connect users they hold.
 *
 *   ts-node scripts/lint-templates.ts <cdk.out directory>
 *
 * Exits non-zero on any cfn-lint error, or when cfn-lint is missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lintTemplateFiles } from '../test/util/cfn-lint';

function templatesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return templatesIn(p);
    return e.name.endsWith('.template.json') ? [p] : [];
  });
}

function main(): void {
  const out = process.argv[2];
  if (!out || !fs.existsSync(out)) {
    console.error(`usage: lint-templates <cdk.out directory> (got ${out ?? 'nothing'})`);
    process.exit(2);
  }
  const files = templatesIn(out).sort();
  if (files.length === 0) {
    console.error(`no *.template.json under ${out}`);
    process.exit(1);
  }
  const result = lintTemplateFiles(files);
  if (!result.ran) {
    console.error(`cfn-lint is not installed, so the templates were NOT checked: ${result.output}`);
    process.exit(1);
  }
  let users = 0;
  for (const f of files) {
    const template = JSON.parse(fs.readFileSync(f, 'utf8'));
    const count = Object.values<{ Type: string }>(template.Resources ?? {}).filter(r => r.Type === 'AWS::Connect::User').length;
    users += count;
    console.log(`${path.resolve(f)}: ${count} AWS::Connect::User`);
  }
  if (result.errors.length > 0) {
    console.error(`cfn-lint found ${result.errors.length} error(s):`);
    for (const e of result.errors) console.error(`  ${e}`);
    process.exit(1);
  }
  console.log(`${files.length} template(s), ${users} user(s), cfn-lint: 0 errors${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''}`);
  for (const w of result.warnings) console.log(`  warning: ${w}`);
}

main();
