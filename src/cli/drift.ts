/**
 * `cdk-connect-user import-mapping --check-drift`: compares each adopted user's
 * template properties with the live user (DescribeUser and ListUserProficiencies).
 *
 * What counts as drift follows what CloudFormation's handler does, which
 * compares templates, never live values: a property (or a field of PhoneConfig,
 * IdentityInfo, a channel's settings) absent from the template is never sent,
 * so whatever the live user holds there (AutoAccept false, an ACW of 0, a mobile
 * set in the console) is not drift. A property the template declares is
 * compared exactly: a difference there is one CloudFormation will not correct
 * (its next update sends only what changed between templates). Lists the
 * template declares whole are compared whole (security profiles as a set,
 * proficiencies by attribute name and value); tags are compared for the keys
 * the template declares, plus live tags that are not `aws:` ones, which the
 * template's list would otherwise claim do not exist. Per-channel lists are
 * compared for the channels the template declares. Password is write-only and
 * never compared. A value that is not a literal (`{ Ref: … }`, `Fn::…`) cannot
 * be compared: it is reported as such, not as a difference.
 */
import { TemplateUser, usersOfAssembly } from './assembly';
import { ConnectApi, listAll } from './aws/connect';
import { PAGE_SIZES } from './export';
import { findUser } from '../private/find-user';
import { FIELDS, has } from '../private/user/fields';
import { get, walk } from '../private/user/paths';

/** The settings drift compares: in the template, returned by the API, with a way to compare them (fields.ts). */
const COMPARED = FIELDS.filter(f => has(f.cfn) && has(f.api) && has(f.drift));

/** One finding about one user. */
export interface DriftFinding {
  readonly username: string;
  /** Where the user is: `<stack path>/<logical id>`. */
  readonly where: string;
  readonly property: string;
  /** `differs` (exit 1) or `cannot compare` (a token in the template, or a user that cannot be found). */
  readonly kind: 'differs' | 'cannot compare';
  readonly template: unknown;
  readonly live: unknown;
  /** Why it cannot be compared (for `cannot compare`). */
  readonly reason?: string;
  /** The live user itself could not be had, so none of its properties was compared. */
  readonly wholeUser?: boolean;
}

/** The adopted users of an assembly, nested stacks included. */
export function adoptedTemplateUsers(assemblyDir: string): TemplateUser[] {
  return usersOfAssembly(assemblyDir).filter(u => u.adoption);
}

/** Whether a template value is not a literal (an intrinsic function or a Ref). */
function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Whether a value holds an intrinsic anywhere. */
function hasIntrinsic(value: unknown): boolean {
  if (isIntrinsic(value)) return true;
  if (Array.isArray(value)) return value.some(hasIntrinsic);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasIntrinsic);
  return false;
}

/** The id at the end of an ARN (`…/routing-profile/<id>`). */
const idOf = (arn: string) => arn.split('/').pop()!;

/** How a value prints in a finding. */
export function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The findings of one user: its template properties against DescribeUser's `User` and its proficiencies. */
export function compareUser(t: TemplateUser, live: Record<string, any>, liveProficiencies: Array<Record<string, any>>): DriftFinding[] {
  const findings: DriftFinding[] = [];
  const username = t.adoption!.username;
  const where = `${t.stack}/${t.logicalId}`;
  const props = t.properties as Record<string, any>;
  const instanceArn = t.adoption!.instanceArn;
  const add = (property: string, template: unknown, liveValue: unknown) => {
    if (hasIntrinsic(template)) {
      findings.push({ username, where, property, kind: 'cannot compare', template, live: liveValue, reason: `template ${show(template)} is not a literal, live ${show(liveValue)}` });
    } else {findings.push({ username, where, property, kind: 'differs', template, live: liveValue });}
  };
  /** Compares a scalar the template declares. */
  const scalar = (property: string, template: unknown, liveValue: unknown) => {
    if (template === undefined) return;
    if (hasIntrinsic(template) || template !== liveValue) add(property, template, liveValue);
  };
  /** Compares a reference the template declares as an ARN with the live id. */
  const reference = (property: string, template: unknown, liveId: string | undefined, kind: string) => {
    if (template === undefined) return;
    if (typeof template !== 'string') return add(property, template, liveId && `${instanceArn}/${kind}/${liveId}`);
    if (idOf(template) !== liveId) add(property, template, liveId === undefined ? undefined : `${instanceArn}/${kind}/${liveId}`);
  };

  const reported = new Set<string>();
  for (const f of COMPARED) {
    const cfn = f.cfn as string;
    const { value: template, stoppedAt } = walk(props, cfn, isIntrinsic);
    // A leaf that is not a literal is compared below (each mode reports it with the live value it would compare).
    if (stoppedAt !== undefined && stoppedAt !== cfn) {
      // A property (or a part of it) that is not a literal: reported once, where it stands.
      if (!reported.has(stoppedAt)) add(stoppedAt, template, get(live, stoppedAt));
      reported.add(stoppedAt);
      continue;
    }
    if (template === undefined) continue;
    const api = f.api as string;
    switch (f.drift) {
      case 'exact': scalar(cfn, template, get(live, api)); break;
      case 'reference': reference(cfn, template, get(live, api) as string | undefined || undefined, f.ref!.arnType); break;
      case 'set': {
        const liveIds = (get(live, api) ?? []) as string[];
        const liveArns = liveIds.map(id => `${instanceArn}/${f.ref!.arnType}/${id}`).sort();
        if (hasIntrinsic(template)) add(cfn, template, liveArns);
        else if ([...new Set((template as string[]).map(idOf))].sort().join('\n') !== [...new Set(liveIds)].sort().join('\n')) add(cfn, template, liveArns);
        break;
      }
      case 'keyed': {
        // The template's list is the user's whole list.
        if (hasIntrinsic(template)) {
          add(cfn, template, liveProficiencies);
          break;
        }
        const key = (p: Record<string, any>) => `${p.AttributeName}:${p.AttributeValue}`;
        const have = new Map(liveProficiencies.map(p => [key(p), p.Level]));
        const want = new Map((template as Array<Record<string, any>>).map(p => [key(p), p.Level]));
        for (const [k, level] of want) if (have.get(k) !== level) add(`${cfn}[${k}].Level`, level, have.get(k));
        for (const [k, level] of have) if (!want.has(k)) add(`${cfn}[${k}].Level`, undefined, level);
        break;
      }
      case 'tags': {
        // The keys the template declares, and live keys it does not (but aws: ones, which AWS manages).
        if (hasIntrinsic(template)) {
          add(cfn, template, get(live, api));
          break;
        }
        const want = new Map((template as Array<{ Key: string; Value: unknown }>).map(tag => [tag.Key, tag.Value]));
        const have = (get(live, api) ?? {}) as Record<string, unknown>;
        for (const [k, v] of want) scalar(`${cfn}.${k}`, v, have[k]);
        for (const k of Object.keys(have)) if (!want.has(k) && !k.startsWith('aws:')) add(`${cfn}.${k}`, undefined, have[k]);
        break;
      }
    }
  }
  return findings;
}

/** Options of the drift check. */
export interface DriftOptions {
  /** A counting Connect API for an instance ARN. */
  readonly api: (instanceArn: string) => ConnectApi;
  /** Look up users without `existingUserArn` by username (else they cannot be compared). */
  readonly lookup: boolean;
}

/** Checks every adopted user of the assembly against the live user; resolves to every finding. */
export async function checkDrift(users: TemplateUser[], options: DriftOptions): Promise<DriftFinding[]> {
  const findings: DriftFinding[] = [];
  for (const t of users) {
    const { username, instanceArn } = t.adoption!;
    const api = options.api(instanceArn);
    const InstanceId = instanceArn.split('/')[1];
    let userArn = t.adoption!.userArn;
    if (userArn === undefined) {
      if (!options.lookup) {
        findings.push({
          username,
          where: `${t.stack}/${t.logicalId}`,
          property: 'existingUserArn',
          kind: 'cannot compare',
          template: undefined,
          live: undefined,
          reason: 'not set, so the live user is unknown; pass --lookup to find it by username',
          wholeUser: true,
        });
        continue;
      }
      const client = { send: (cmd: any) => api.call('SearchUsers', cmd.input) };
      userArn = (await findUser(client, class { constructor(public readonly input: unknown) {} }, instanceArn, username)).Arn;
    }
    const UserId = idOf(userArn);
    const { User } = await api.call('DescribeUser', { InstanceId, UserId });
    const proficiencies = await listAll<Record<string, any>>(api, 'ListUserProficiencies', { InstanceId, UserId }, 'UserProficiencyList', PAGE_SIZES.ListUserProficiencies);
    findings.push(...compareUser(t, User, proficiencies));
  }
  return findings;
}

/** The lines of a drift report: one a finding, then a summary. */
export function formatDrift(users: number, findings: DriftFinding[]): string[] {
  const lines = findings.map(f => (f.kind === 'differs'
    ? `${f.username}: ${f.property}: template ${show(f.template)}, live ${show(f.live)}`
    : `${f.username}: ${f.property}: cannot compare: ${f.reason}`));
  const differing = new Set(findings.filter(f => f.kind === 'differs').map(f => f.where)).size;
  // A user whose live user could not be had was not checked at all: "0 differ" must not count it.
  const unchecked = new Set(findings.filter(f => f.wholeUser).map(f => f.where)).size;
  lines.push(`${users - unchecked} adopted user(s) checked: ${differing} differ from the template`
    + `${differing ? ' (CloudFormation does not correct this: change the template or the live user)' : ''}`
    + `${unchecked ? `; ${unchecked} not checked (see above)` : ''}`);
  return lines;
}

/** The exit code of a drift check: 1 when a user differs or was not checked at all, else 0. */
export function driftExitCode(findings: DriftFinding[]): number {
  return findings.some(f => f.kind === 'differs' || f.wholeUser) ? 1 : 0;
}
