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

/** A row of the field table with its place in the L1's props: its index in FIELDS, its L1 path, parsed. */
interface Row { readonly field: Field; readonly index: number; readonly path: string; readonly segs: readonly Segment[] }

/**
 * The rows the template has a place for, grouped by the props object they live in (`''`, `identityInfo`,
 * `channelSettings.voice`, …), each with its index and L1 path, worked out once. Rendered group by group,
 * in this order, per-channel list entries are made in the order the rows' channels first appear.
 */
const GROUPS: ReadonlyArray<{ parent: readonly string[]; rows: readonly Row[] }> = (() => {
  const groups = new Map<string, { parent: string[]; rows: Row[] }>();
  FIELDS.forEach((f, index) => {
    if (!has(f.cfn)) return;
    const keys = segments(f.prop).map(s => s.key);
    const parent = keys.slice(0, -1);
    const group = groups.get(parent.join('.')) ?? groups.set(parent.join('.'), { parent, rows: [] }).get(parent.join('.'))!;
    const path = l1Path(f.cfn);
    group.rows.push({ field: f, index, path, segs: segments(path) });
  });
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
  for (let g = 0; g < GROUPS.length; g++) {
    const rows = GROUPS[g].rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const f = row.field;
      const v = values[row.index];
      let value: unknown;
      if (isScalar(f.kind)) {
        value = scalar(f, v);
      } else if (f.kind === 'instance') {
        value = instanceArn;
      } else if (f.kind === 'reference') {
        value = (v as Record<string, Record<string, string>> | undefined)?.[f.ref!.refName][f.ref!.arnName];
      } else if (f.kind === 'references') {
        value = (v as Array<Record<string, Record<string, string>>>).map(ref => ref[f.ref!.refName][f.ref!.arnName]);
      } else if (f.kind === 'password') {
        value = password?.unsafeUnwrap();
      } else if (f.kind === 'proficiencies') {
        value = proficiencies;
      } else {
        value = Object.entries((v ?? {}) as Record<string, string>).map(([k, tag]) => ({ key: k, value: tag }));
      }
      setAt(out, row.segs, value, 'channel');
    }
  }
  return out as unknown as CfnUserProps;
}
