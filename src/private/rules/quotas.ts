/**
 * CloudFormation's quotas per template, counted at synth. See common.ts for the evidence levels.
 *
 * Source of every figure: the CloudFormation user guide, "Understand CloudFormation quotas"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html, read 2026-12),
 * and for dynamic references also "Get values stored in other services using dynamic references"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html: "You can include up to
 * 60 dynamic references in a stack template").
 */

/**
 * Resources per template. Evidence: documented (quotas page: 500 resources, raised from 200 in 2020-10) and observed
 * (CloudFormation refuses a larger template: "Template format error: Number of resources, 214, is greater than maximum
 * allowed, 200" in the 200 era, reported in serverless/serverless#2387 and clebert/aws-simple#98). aws-cdk-lib's
 * `Stack` refuses more than 500 at synth too.
 */
export const MAX_RESOURCES_PER_TEMPLATE = 500;

/** Dynamic references (`{{resolve:...}}`) per template. Evidence: documented (quotas page; dynamic references page). */
export const MAX_DYNAMIC_REFERENCES_PER_TEMPLATE = 60;

/**
 * Outputs per template. Evidence: documented (quotas page: 200 outputs, raised from 60 in 2020-10; the refusal
 * "Template format error: Outputs count 78 is greater than max allowed 60" is reported for the older figure in
 * dougmoscrop/serverless-plugin-split-stacks#43).
 */
export const MAX_OUTPUTS_PER_TEMPLATE = 200;

/**
 * Bytes of a template passed as an Amazon S3 object (a nested stack's always is; the cdk CLI uploads any template
 * over 50 KiB). Evidence: documented (quotas page: "Template body size in an Amazon S3 object", 1 MB; aws-cdk-lib
 * counts it as 1,000,000 bytes).
 */
export const MAX_TEMPLATE_BYTES = 1_000_000;

/** What a template holds, against each quota. */
export interface TemplateCounts {
  readonly resources: number;
  readonly dynamicReferences: number;
  readonly outputs?: number;
  /** Bytes of the template as compact JSON (a written template has indentation on top, unless suppressed). */
  readonly bytes?: number;
}

/** The quotas, in the order messages name them. */
const QUOTAS: ReadonlyArray<{ key: keyof TemplateCounts; limit: number; noun: string; evidence: 'observed' | 'documented' }> = [
  { key: 'resources', limit: MAX_RESOURCES_PER_TEMPLATE, noun: 'resources', evidence: 'observed' },
  { key: 'dynamicReferences', limit: MAX_DYNAMIC_REFERENCES_PER_TEMPLATE, noun: 'dynamic references', evidence: 'documented' },
  { key: 'outputs', limit: MAX_OUTPUTS_PER_TEMPLATE, noun: 'outputs', evidence: 'documented' },
  { key: 'bytes', limit: MAX_TEMPLATE_BYTES, noun: 'bytes', evidence: 'documented' },
];

/** How many dynamic references a text holds: each `{{resolve:` opens one. */
export function countDynamicReferences(text: string): number {
  let n = 0;
  for (let i = text.indexOf('{{resolve:'); i >= 0; i = text.indexOf('{{resolve:', i + 10)) n++;
  return n;
}

/** Each quota `counts` is over, as `<count> <noun> (quota <limit>)`; `evidence` keeps only the quotas of that level. */
export function overQuotas(counts: TemplateCounts, evidence?: 'observed' | 'documented'): string[] {
  return QUOTAS.filter(q => (evidence === undefined || q.evidence === evidence) && (counts[q.key] ?? 0) > q.limit)
    .map(q => `${counts[q.key]} ${q.noun} (quota ${q.limit.toLocaleString('en-US')})`);
}

/** Every count beside its quota, as `<count> of <limit> <noun>`: what an over-capacity message shows. */
export function describeCounts(counts: TemplateCounts): string {
  return QUOTAS.filter(q => counts[q.key] !== undefined).map(q => `${counts[q.key]} of ${q.limit} ${q.noun}`).join(', ');
}

/**
 * Evidence: documented (the quotas above). The warning on a stack whose template is over a quota: the quota, the
 * count and how to split. `what` names the template (`stack 'Agents'`), `partial` says what the count leaves out.
 */
export function templateQuotaWarning(what: string, counts: TemplateCounts, partial?: string): string | undefined {
  const over = overQuotas(counts);
  if (over.length === 0) return undefined;
  return `${what} holds ${over.join(', ')}${partial ? ` (${partial})` : ''}; CloudFormation's quotas per template `
    + '(user guide, "Understand CloudFormation quotas") refuse it at deploy. Split it: move ConnectUsers to another stack or to '
    + 'NestedStacks (each is a template of its own), or use a ConnectUserRoster, which sizes its shards to the quotas';
}
