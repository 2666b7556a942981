/**
 * The CloudFormation properties of a user, row by row from the field table.
 * A scalar's value goes to its row's path in the L1's props (per-channel list
 * entries are made as their rows need them, in the rows' channel order); the
 * other kinds render here by kind.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import { CfnUser, CfnUserProps } from 'aws-cdk-lib/aws-connect';
import { FIELDS, Field, has, isScalar } from './fields';
import { l1Path, Segment, segments } from './paths';
import type { ConnectUserProps } from '../../connect-user-props';
import type { ProficiencyFields } from '../rules/proficiencies';

/**
 * An object of the L1's props that rows write into: a struct (`identityInfo`), or a per-channel list's entry
 * (`autoAcceptConfigs[VOICE]`, made as `{ channel: 'VOICE' }` and pushed onto its list), or a struct inside one.
 */
interface Container {
  /** The index of the container it is in, or -1 for the props themselves. */
  readonly parent: number;
  /** Its key in that container (the list's key, for an entry). */
  readonly key: string;
  /** For a list entry: its channel. */
  readonly channel?: string;
}

/** A row of the field table with its place in the L1's props: the container it is written into, and its key there. */
interface Row {
  readonly field: Field;
  /** The row's index in FIELDS. */
  readonly index: number;
  readonly container: number;
  readonly key: string;
  /** Its value is written as it is (a scalar other than seconds). */
  readonly plain: boolean;
}

const CONTAINERS: Container[] = [];

/** The index of the container at these segments of an L1 path, added (with the ones it is in) when new. */
function containerOf(segs: readonly Segment[], pathKeys: Map<string, number>): number {
  if (segs.length === 0) return -1;
  const key = segs.map(s => (s.channel === undefined ? s.key : `${s.key}[${s.channel}]`)).join('.');
  const known = pathKeys.get(key);
  if (known !== undefined) return known;
  const parent = containerOf(segs.slice(0, -1), pathKeys);
  const last = segs[segs.length - 1];
  CONTAINERS.push({ parent, key: last.key, channel: last.channel });
  pathKeys.set(key, CONTAINERS.length - 1);
  return CONTAINERS.length - 1;
}

/**
 * The rows the template has a place for, grouped by the props object they live in (`''`, `identityInfo`,
 * `channelSettings.voice`, …) in the order each object first appears in the table, worked out once.
 */
const GROUPS: ReadonlyArray<{ readonly parent: readonly string[]; readonly rows: ReadonlyArray<{ field: Field; index: number }> }> = (() => {
  const groups = new Map<string, { parent: string[]; rows: Array<{ field: Field; index: number }> }>();
  FIELDS.forEach((field, index) => {
    if (!has(field.cfn)) return;
    const parent = segments(field.prop).slice(0, -1).map(s => s.key);
    const group = groups.get(parent.join('.')) ?? groups.set(parent.join('.'), { parent, rows: [] }).get(parent.join('.'))!;
    group.rows.push({ field, index });
  });
  return [...groups.values()];
})();

/** The rows in the order of their groups: rendered in this order, per-channel list entries are made in the order the rows' channels first appear. */
const ROWS: readonly Row[] = (() => {
  const pathKeys = new Map<string, number>();
  return GROUPS.flatMap(g => g.rows).map(({ field, index }) => {
    const segs = segments(l1Path(field.cfn as string));
    const last = segs[segs.length - 1];
    if (last.channel !== undefined) throw new Error(`internal: ${field.cfn as string} ends in a list entry`);
    return { field, index, container: containerOf(segs.slice(0, -1), pathKeys), key: last.key, plain: isScalar(field.kind) && field.kind !== 'seconds' };
  });
})();

/** A struct (identityInfo, phoneConfig) renders when given, even empty, as the L1 would render it. */
const STRUCTS: readonly string[] = GROUPS
  .filter(g => g.parent.length === 1 && g.rows.every(r => !l1Path(r.field.cfn as string).includes('[')))
  .map(g => g.parent[0]);

/** The container `i` of `out`, made (and the ones it is in) if this user's props have none yet. */
function open(out: Record<string, unknown>, made: Array<Record<string, unknown> | undefined>, i: number): Record<string, unknown> {
  const c = CONTAINERS[i];
  const outer = c.parent < 0 ? out : made[c.parent] ?? open(out, made, c.parent);
  let inner: Record<string, unknown>;
  if (c.channel === undefined) {
    inner = (outer[c.key] ??= {}) as Record<string, unknown>;
  } else {
    inner = { channel: c.channel };
    ((outer[c.key] ??= []) as Array<Record<string, unknown>>).push(inner);
  }
  made[i] = inner;
  return inner;
}

/** A proficiency in the L1's shape, from its fields. */
export function renderProficiency(p: ProficiencyFields): CfnUser.UserProficiencyProperty {
  return { attributeName: p.attributeName, attributeValue: p.attributeValue, level: p.level?.levelValue };
}

/** A value of a row that is not a plain scalar, in the L1's shape. */
function renderValue(
  f: Field, v: unknown, instanceArn: string, password: SecretValue | undefined, proficiencies: CfnUser.UserProficiencyProperty[] | undefined,
): unknown {
  switch (f.kind) {
    case 'seconds': return v === undefined ? undefined : (v as Duration).toSeconds({ integral: false });
    case 'instance': return instanceArn;
    case 'reference': return (v as Record<string, Record<string, string>> | undefined)?.[f.ref!.refName][f.ref!.arnName];
    case 'references': return (v as Array<Record<string, Record<string, string>>>).map(ref => ref[f.ref!.refName][f.ref!.arnName]);
    case 'password': return password?.unsafeUnwrap();
    case 'proficiencies': return proficiencies;
    case 'tags': return Object.entries((v ?? {}) as Record<string, string>).map(([k, tag]) => ({ key: k, value: tag }));
    default: throw new Error(`internal: no rendering for a ${f.kind} row (${f.prop})`);
  }
}

/**
 * The L1 properties of a user, from its rows' values (rows.ts, read from `props`). `password` is the effective one
 * (given or generated).
 */
export function renderUserProps(
  props: ConnectUserProps, values: readonly unknown[], instanceArn: string, password: SecretValue | undefined,
  proficiencies: CfnUser.UserProficiencyProperty[] | undefined,
): CfnUserProps {
  const out: Record<string, unknown> = {};
  const given = props as unknown as Record<string, unknown>;
  for (let i = 0; i < STRUCTS.length; i++) if (given[STRUCTS[i]] !== undefined) out[STRUCTS[i]] = {};
  // The containers made for this user, by index: each is made when its first row has a value.
  const made: Array<Record<string, unknown> | undefined> = [];
  for (let r = 0; r < ROWS.length; r++) {
    const row = ROWS[r];
    const v = values[row.index];
    // Not inline: a closure in this loop's body would make V8 allocate a scope for every row of every user.
    const value = row.plain ? v : renderValue(row.field, v, instanceArn, password, proficiencies);
    if (value === undefined) continue;
    const container = row.container < 0 ? out : made[row.container] ?? open(out, made, row.container);
    container[row.key] = value;
  }
  return out as unknown as CfnUserProps;
}
