import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addExampleStacks } from '../examples/stacks';
import { summarizeNagReports } from '../scripts/nag-reports';
import { ConnectUser, IdentityManagementType, UserPassword } from '../src';
import { minimalProps, refs } from './util/fixtures';
import { tempDirs } from './util/tmp';

/** Every unsuppressed AwsSolutions finding (errors and warnings) of the stacks. */
function nagFindings(app: App, stacks: Stack[]): string[] {
  Aspects.of(app).add(new AwsSolutionsChecks());
  app.synth();
  return stacks.flatMap(stack => {
    const annotations = Annotations.fromStack(stack);
    return [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ].map(m => `${m.id}: ${m.entry.data}`);
  });
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unsuppressed in the example app, and writes the reports the README names', () => {
    const app = new App();
    const stacks = addExampleStacks(app);
    expect(nagFindings(app, stacks)).toEqual([]);
    // cdk-nag names a report `<pack>-<stage id>-<stack>-NagReport.csv`: an app's stage id is '', hence the two dashes.
    const reports = fs.readdirSync(app.outdir).filter(f => f.endsWith('-NagReport.csv')).sort();
    expect(reports).toEqual(['AwsSolutions--ConnectAgents-NagReport.csv', 'AwsSolutions--ConnectManagedAgents-NagReport.csv']);
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    for (const report of reports) expect(readme).toContain(`cdk.out.example/${report}`);
  });

  it('does report findings (here: a generated password secret without rotation, unsuppressed)', () => {
    const app = new App();
    const stack = new Stack(app, 'Bare', { env: { account: '111122223333', region: 'us-east-1' } });
    new ConnectUser(stack, 'U', minimalProps(refs(stack, IdentityManagementType.CONNECT_MANAGED), {
      password: UserPassword.generate(), identityInfo: { firstName: 'A', lastName: 'B' },
    }));
    expect(nagFindings(app, [stack]).join('\n')).toMatch(/AwsSolutions-SMG4/);
  });
});

describe('scripts/nag-reports (the last words of `npm run example` about cdk-nag)', () => {
  const tmp = tempDirs('nag');
  const HEADER = 'Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info\n';
  function assembly(reports: Record<string, string>): string {
    const dir = tmp();
    for (const [name, rows] of Object.entries(reports)) fs.writeFileSync(path.join(dir, name), HEADER + rows);
    return dir;
  }

  it('says that cdk-nag ran, what it found and where each report is', () => {
    const dir = assembly({
      'AwsSolutions--A-NagReport.csv': '',
      'AwsSolutions--B-NagReport.csv': '"AwsSolutions-SMG4","B/S/Resource","Suppressed","why","Error","no rotation"\n',
    });
    expect(summarizeNagReports(dir)).toEqual({
      ok: true,
      lines: [
        'cdk-nag (AwsSolutions) checked 2 stack(s): 0 unsuppressed error(s), 0 unsuppressed warning(s), 1 suppressed finding(s) (each with its reason in the report). Reports:',
        `  ${path.join(dir, 'AwsSolutions--A-NagReport.csv')}`,
        `  ${path.join(dir, 'AwsSolutions--B-NagReport.csv')}`,
      ],
    });
  });

  it('fails when a report holds an unsuppressed error, or when there is no report (cdk-nag did not run)', () => {
    const dir = assembly({ 'AwsSolutions--A-NagReport.csv': '"AwsSolutions-IAM5","A/R/Resource","Non-Compliant","N/A","Error","wildcard"\n' });
    const { ok, lines } = summarizeNagReports(dir);
    expect(ok).toBe(false);
    expect(lines[lines.length - 1]).toBe('  error: AwsSolutions-IAM5 on A/R/Resource');
    expect(summarizeNagReports(tmp())).toEqual({
      ok: false, lines: [expect.stringMatching(/^cdk-nag did not run: no \*-NagReport.csv under /)],
    });
  });
});
