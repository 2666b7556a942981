/**
 * What a later `cdk deploy` does to each Amazon Connect user: the new cloud
 * assembly against a baseline (an earlier synth, or the deployed templates).
 *
 * Each setting's verdict, with its evidence, is its row in src/private/user/fields.ts.
 * Sources for the fates (read, not guessed):
 * - CloudFormation's handler for AWS::Connect::User
 *   (aws-cloudformation/aws-cloudformation-resource-providers-connect,
 *   aws-connect-user/src/main/java/software/amazon/connect/user/UpdateHandler.java, public source of 2023):
 *   it fails with "<property> cannot be updated." when Username, InstanceArn,
 *   DirectoryUserId or Password is set and differs from the previous template; it
 *   calls UpdateUserSecurityProfiles only when the new list lacks an old entry, and
 *   UpdateUserPhoneConfig only when ACW, auto-accept, desk number or phone type changed.
 *   The live handler has since gained proficiencies and per-channel settings, so a
 *   skip found in the 2023 source is reported as "may be skipped".
 * - The registry schema: no property is create-only, so CloudFormation always
 *   calls the update handler rather than replacing the user.
 * - CloudFormation creates a resource under a new logical id (or in another
 *   stack) before it deletes the old one, and CreateUser fails with
 *   DuplicateResourceException on a username the instance already has.
 * - Only `Properties` are compared: a change of `DependsOn` alone (creation pacing,
 *   src/private/pacing.ts) updates no resource. CloudFormation updates resources by
 *   the differences in what they declare (user guide, "Update behaviors of stack
 *   resources"); a change set has no DependsOn scope; an UpdateStack whose only
 *   change is DependsOn updates nothing (observed: aws/aws-cdk#21496, 2022).
 */
import { TemplateUser } from './assembly';
import { FIELDS, Field, has } from '../private/user/fields';
import { get, segments } from '../private/user/paths';

/** The fate of one user. */
export enum Fate {
  /** The update fails and the stack rolls back. */
  FAILS = 'FAILS',
  /** The user is created anew under another logical id or in another stack. */
  MOVED = 'MOVED',
  /** CloudFormation may not apply the change to the live user. */
  MAY_BE_SKIPPED = 'MAY BE SKIPPED',
  /** The user is updated in place. */
  UPDATES = 'UPDATES',
  /** The user leaves the stack. */
  REMOVED = 'REMOVED',
  /** A new user. */
  CREATED = 'CREATED',
}

/** One user's line of the plan. */
export interface PlannedUser {
  readonly fate: Fate;
  /** The username as the template writes it (a string, or its JSON when it is not one). */
  readonly username: string;
  /** `stack/logicalId` in the new assembly (in the baseline for a removed user). */
  readonly where: string;
  /** Where a moved user was. */
  readonly from?: string;
  /** What changes, what happens, and what to do instead. */
  readonly details: string[];
}

/** The plan: users with a change, and counts. */
export interface Plan {
  readonly users: PlannedUser[];
  readonly unchanged: number;
  /** Whether any change fails at deploy (a failed update, or a move). */
  readonly fails: boolean;
}

/** The settings in the template, by their top-level CloudFormation property (fields.ts). */
const BY_PROPERTY = new Map<string, Field[]>();
for (const f of FIELDS) {
  if (!has(f.cfn)) continue;
  const top = segments(f.cfn)[0].key;
  BY_PROPERTY.set(top, [...(BY_PROPERTY.get(top) ?? []), f]);
}

/**
 * What a change of one top-level property does, from its settings' rows: a
 * failure, a possible skip, or an update in place (`undefined`).
 */
function verdict(prop: string, a: unknown, b: unknown): { fails?: string; skip?: string } | undefined {
  const rows = BY_PROPERTY.get(prop) ?? [];
  const whole = rows.find(f => f.cfn === prop);
  if (whole !== undefined) {
    const change = whole.change;
    if (change.verdict === 'fails') {
      // The handler checks only a non-empty new value: removing it changes nothing on the live user.
      if (b === undefined || b === '') return { skip: `${prop} removed: the handler ignores an empty ${prop}, so the live user keeps it` };
      return { fails: `${prop} cannot be updated (the handler's message; from ${show(a, prop)} to ${show(b, prop)}). Instead: ${change.instead}` };
    }
    if (change.verdict === 'skipped-if-only-added' && isSuperset(b, a)) return { skip: `${prop}: ${change.why}` };
    return undefined;
  }
  // A struct: the settings in it that changed.
  const changed = rows.filter(f => canonical(get({ [prop]: a }, f.cfn as string)) !== canonical(get({ [prop]: b }, f.cfn as string)));
  const alone = changed.length === 1 ? changed[0].change : undefined;
  // Anything else that differs (a field no row knows) counts as a change too.
  const rest = (x: unknown) => canonical(rows.reduce((o, f) => without(o, f.cfn as string), x));
  if (alone?.verdict === 'skipped-alone' && rest(a) === rest(b)) return { skip: alone.why };
  return undefined;
}

/** A copy of a struct without the field at `path` (its second segment). */
function without(value: unknown, path: string): unknown {
  const segs = segments(path);
  if (segs.length !== 2 || segs[0].channel !== undefined || value === null || typeof value !== 'object') return value;
  const copy = { ...(value as Record<string, unknown>) };
  delete copy[segs[1].key];
  return copy;
}

/** Plans the change from `baseline` to `current`. */
export function plan(baseline: TemplateUser[], current: TemplateUser[]): Plan {
  const key = (u: TemplateUser) => `${u.stack}\u0000${u.logicalId}`;
  const identity = (u: TemplateUser) => `${canonical(u.properties.InstanceArn)}\u0000${canonical(u.properties.Username)}`;
  const before = new Map(baseline.map(u => [key(u), u]));
  const matched = new Set<string>();
  const users: PlannedUser[] = [];
  let unchanged = 0;

  // A user that left its place may have gone elsewhere: match by instance and username.
  const currentKeys = new Set(current.map(key));
  const departed = new Map<string, TemplateUser>();
  for (const u of baseline) {
    if (!currentKeys.has(key(u))) departed.set(identity(u), u);
  }

  for (const u of current) {
    const old = before.get(key(u));
    if (old !== undefined) {
      matched.add(key(u));
      const line = compare(old, u);
      if (line === undefined) unchanged++;
      else users.push(line);
      continue;
    }
    const origin = departed.get(identity(u));
    if (origin !== undefined) {
      departed.delete(identity(u));
      matched.add(key(origin));
      users.push({
        fate: Fate.MOVED,
        username: name(u),
        where: where(u),
        from: where(origin),
        details: [
          `the logical id or stack changed (from ${where(origin)}): CloudFormation creates the user anew before it removes the old one, `
          + `and the create fails because the instance already has the username${origin.deletionPolicy === 'Retain' ? ' (the old one is retained)' : ''}`,
          'to keep the user, move it without replacement with CloudFormation stack refactoring (nested stacks included), '
          + 'or keep its construct id, roster shard count and stack',
        ],
      });
      continue;
    }
    users.push({ fate: Fate.CREATED, username: name(u), where: where(u), details: [] });
  }
  for (const u of baseline) {
    if (matched.has(key(u))) continue;
    users.push({
      fate: Fate.REMOVED,
      username: name(u),
      where: where(u),
      details: [u.deletionPolicy === 'Retain'
        ? 'leaves the stack and stays in the instance (RETAIN)'
        : 'leaves the stack and is DELETED from the instance (its removal policy is not RETAIN)'],
    });
  }
  return { users, unchanged, fails: users.some(x => x.fate === Fate.FAILS || x.fate === Fate.MOVED) };
}

/** One user present in both: its fate, or `undefined` when nothing that matters changed. */
function compare(old: TemplateUser, now: TemplateUser): PlannedUser | undefined {
  const a = old.properties;
  const b = now.properties;
  const failures: string[] = [];
  const skips: string[] = [];
  const updates: string[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const prop of keys) {
    if (canonical(a[prop]) === canonical(b[prop])) continue;
    const found = verdict(prop, a[prop], b[prop]);
    if (found?.fails !== undefined) failures.push(found.fails);
    else if (found?.skip !== undefined) skips.push(found.skip);
    else updates.push(prop);
  }
  const fate = failures.length > 0 ? Fate.FAILS : skips.length > 0 ? Fate.MAY_BE_SKIPPED : updates.length > 0 ? Fate.UPDATES : undefined;
  if (fate === undefined) return undefined;
  const details = [...failures, ...skips];
  if (updates.length > 0) details.push(`updates in place: ${updates.join(', ')}`);
  return { fate, username: name(now), where: where(now), details };
}

function where(u: TemplateUser): string {
  return `${u.stack}/${u.logicalId}`;
}

function name(u: TemplateUser): string {
  const n = u.properties.Username;
  return typeof n === 'string' ? n : canonical(n);
}

/** A value as a message shows it; a password never. */
function show(value: unknown, prop: string): string {
  if (prop === 'Password') {
    return typeof value === 'string' && value.startsWith('{{resolve:') ? `'${value}'` : '(value not shown)';
  }
  return value === undefined ? 'unset' : canonical(value);
}

/** JSON with sorted keys, so that equal values compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
    : v) ?? 'undefined';
}

function isSuperset(now: unknown, old: unknown): boolean {
  if (!Array.isArray(now) || !Array.isArray(old)) return false;
  const have = new Set(now.map(canonical));
  return old.every(x => have.has(canonical(x)));
}

/** The plan as lines: one per changed user, then a summary. */
export function formatPlan(p: Plan): string[] {
  const lines: string[] = [];
  for (const u of p.users) {
    lines.push(`${u.fate.padEnd(14)} ${u.username}  ${u.where}`);
    for (const d of u.details) lines.push(`               - ${d}`);
  }
  const count = (f: Fate) => p.users.filter(u => u.fate === f).length;
  lines.push(`${p.users.length + p.unchanged} users: ${count(Fate.FAILS)} fail, ${count(Fate.MOVED)} moved, ${count(Fate.MAY_BE_SKIPPED)} may be skipped, `
    + `${count(Fate.UPDATES)} update in place, ${count(Fate.CREATED)} created, ${count(Fate.REMOVED)} removed, ${p.unchanged} unchanged`);
  return lines;
}

/** The plan as JSON for CI. */
export function planJson(p: Plan): Record<string, unknown> {
  const summary: Record<string, number> = { unchanged: p.unchanged };
  for (const f of Object.values(Fate)) summary[f] = p.users.filter(u => u.fate === f).length;
  return { fails: p.fails, summary, users: p.users };
}
