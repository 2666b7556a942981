/**
 * Says that cdk-nag checked a cloud assembly, what it found and where its reports are.
 *
 *   ts-node scripts/nag-reports.ts <cdk.out directory>
 *
 * cdk-nag writes one `<pack>-<stage>-<stack>-NagReport.csv` per stack beside the templates (an app's stage
 * name is empty: `AwsSolutions--ConnectAgents-NagReport.csv`). Unsuppressed errors
 * have already failed the synth; this reads the reports back, so that `npm run example` says what ran.
 * Exits non-zero when there is no report (cdk-nag did not run) or a report holds an unsuppressed error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';

/** One row of a cdk-nag report. */
interface NagRow {
  readonly 'Rule ID': string;
  readonly 'Resource ID': string;
  readonly 'Compliance': string;
  readonly 'Rule Level': string;
}

/** Every cdk-nag report under a directory (nested assemblies of stages included), sorted. */
export function nagReportsIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return nagReportsIn(p);
    return e.name.endsWith('-NagReport.csv') ? [p] : [];
  }).sort();
}

/** The lines that say what cdk-nag found in the assembly `dir`, and whether that fails the check. */
export function summarizeNagReports(dir: string): { lines: string[]; ok: boolean } {
  const reports = nagReportsIn(dir);
  if (reports.length === 0) {
    return { ok: false, lines: [`cdk-nag did not run: no *-NagReport.csv under ${dir} (the app must add cdk-nag's checks as an Aspect)`] };
  }
  const rows = reports.flatMap(f => parse(fs.readFileSync(f, 'utf8'), { columns: true, skip_empty_lines: true }) as NagRow[]);
  const count = (compliance: string, level?: string) =>
    rows.filter(r => r.Compliance === compliance && (level === undefined || r['Rule Level'] === level)).length;
  const errors = rows.filter(r => r.Compliance === 'Non-Compliant' && r['Rule Level'] === 'Error');
  // `<pack>-<stage>-<stack>-NagReport.csv`: the pack's name has no dash.
  const packs = [...new Set(reports.map(f => path.basename(f).split('-')[0]))].join(', ');
  const lines = [
    `cdk-nag (${packs}) checked ${reports.length} stack(s): ${errors.length} unsuppressed error(s), ${count('Non-Compliant', 'Warning')} unsuppressed warning(s), `
      + `${count('Suppressed')} suppressed finding(s) (each with its reason in the report). Reports:`,
    ...reports.map(f => `  ${path.resolve(f)}`),
    ...errors.map(r => `  error: ${r['Rule ID']} on ${r['Resource ID']}`),
  ];
  return { ok: errors.length === 0, lines };
}

function main(): void {
  const out = process.argv[2];
  if (!out || !fs.existsSync(out)) {
    console.error(`usage: nag-reports <cdk.out directory> (got ${out ?? 'nothing'})`);
    process.exit(2);
  }
  const { lines, ok } = summarizeNagReports(out);
  (ok ? console.log : console.error)(lines.join('\n'));
  if (!ok) process.exit(1);
}

if (require.main === module) {
  main();
}
