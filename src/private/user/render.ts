/**
 * The CloudFormation properties of a user, row by row from the field table.
 * A scalar's value goes to its row's path in the L1's props (per-channel list
 * entries are made as their rows need them, in the rows' channel order); the
 * other kinds render here by kind.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import { CfnUser, CfnUserProps } from 'aws-cdk-lib/aws-connect';
import { FIELDS, Field, has, isScalar } from './fields';
import { l1Path, Segment, segments, setAt } from './paths';
import type { ConnectUserProps } from '../../connect-user-props';
import type { ProficiencyFields } from '../rules/proficiencies';

/** A row of the field table with its place in the L1's props: its last key in the props, its L1 path, parsed. */
interface Row { readonly field: Field; readonly key: string; readonly path: string; readonly segs: readonly Segment[] }

/**
 * The rows the template has a place for, grouped by the props object they live in (`''`, `identityInfo`,
 * `channelSettings.voice`, …), each with its last key and L1 path: worked out once, so that rendering an
 * agent reads each props object once and skips every row of one that is not given.
 */
const GROUPS: ReadonlyArray<{ parent: readonly string[]; rows: readonly Row[] }> = (() => {
  const groups = new Map<string, { parent: string[]; rows: Row[] }>();
  for (const f of FIELDS) {
    if (!has(f.cfn)) continue;
    const keys = segments(f.prop).map(s => s.key);
    const parent = keys.slice(0, -1);
    const group = groups.get(parent.join('.')) ?? groups.set(parent.join('.'), { parent, rows: [] }).get(parent.join('.'))!;
    const path = l1Path(f.cfn);
    group.rows.push({ field: f, key: keys[keys.length - 1], path, segs: segments(path) });
  }
  return [...groups.values()];
})();

/** A struct (identityInfo, phoneConfig) renders when given, even empty, as the L1 would render it. */
const STRUCTS = GROUPS.filter(g => g.parent.length === 1 && g.rows.every(r => !r.path.includes('['))).map(g => g.parent[0]);

/** A proficiency in the L1's shape, from its fields. */
export function renderProficiency(p: ProficiencyFields): CfnUser.UserProficiencyProperty {
  return { attributeName: p.attributeName, attributeValue: p.attributeValue, level: p.level?.levelValue };
}

/** A scalar as CloudFormation takes it: durations in seconds. */
function scalar(f: Field, v: unknown): unknown {
  return f.kind === 'seconds' && v !== undefined ? (v as Duration).toSeconds({ integral: false }) : v;
}

/** The L1 properties of a user. `password` is the effective one (given or generated). */
export function renderUserProps(
  props: ConnectUserProps, instanceArn: string, password: SecretValue | undefined,
  proficiencies: CfnUser.UserProficiencyProperty[] | undefined,
): CfnUserProps {
  const out: Record<string, unknown> = {};
  const given = props as unknown as Record<string, unknown>;
  for (const struct of STRUCTS) if (given[struct] !== undefined) out[struct] = {};
  for (const { parent, rows } of GROUPS) {
    let holder: unknown = given;
    for (const key of parent) holder = (holder as Record<string, unknown> | undefined)?.[key];
    if (holder === undefined) continue;
    for (const { field: f, key, segs } of rows) {
      const v = (holder as Record<string, unknown>)[key];
      let value: unknown;
      if (isScalar(f.kind)) {
        value = scalar(f, v);
      } else if (f.kind === 'instance') {
        value = instanceArn;
      } else if (f.kind === 'reference') {
        value = (v as Record<string, Record<string, string>> | undefined)?.[f.ref!.refName][f.ref!.arnName];
      } else if (f.kind === 'references') {
        value = (v as Array<Record<string, Record<string, string>>>).map(r => r[f.ref!.refName][f.ref!.arnName]);
      } else if (f.kind === 'password') {
        value = password?.unsafeUnwrap();
      } else if (f.kind === 'proficiencies') {
        value = proficiencies;
      } else {
        value = Object.entries((v ?? {}) as Record<string, string>).map(([k, tag]) => ({ key: k, value: tag }));
      }
      setAt(out, segs, value, 'channel');
    }
  }
  return out as unknown as CfnUserProps;
}
