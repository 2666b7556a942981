/**
 * The CloudFormation properties of a user, row by row from the field table.
 * A scalar's value goes to its row's path in the L1's props (per-channel list
 * entries are made as their rows need them, in the rows' channel order); the
 * other kinds render here by kind.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import { CfnUser, CfnUserProps } from 'aws-cdk-lib/aws-connect';
import { FIELDS, Field, has, isScalar } from './fields';
import { get, l1Path, segments, set } from './paths';
import type { ConnectUserProps } from '../../connect-user-props';
import type { ProficiencyFields } from '../rules/proficiencies';

/** The rows the template has a place for, with their L1 paths (worked out once). */
const RENDERED: ReadonlyArray<{ field: Field; path: string; parent?: string }> = FIELDS.filter(f => has(f.cfn)).map(f => {
  const cfn = f.cfn as string;
  const segs = segments(f.prop);
  // A struct (identityInfo, phoneConfig) renders when given, even empty, as the L1 would render it.
  const parent = segs.length === 2 && !cfn.includes('[') ? segs[0].key : undefined;
  return { field: f, path: l1Path(cfn), parent };
});

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
  for (const { field: f, path, parent } of RENDERED) {
    if (parent !== undefined && (props as unknown as Record<string, unknown>)[parent] !== undefined) out[parent] ??= {};
    let value: unknown;
    if (isScalar(f.kind)) {
      value = scalar(f, get(props, f.prop));
    } else if (f.kind === 'instance') {
      value = instanceArn;
    } else if (f.kind === 'reference') {
      value = (get(props, f.prop) as Record<string, Record<string, string>> | undefined)?.[f.ref!.refName][f.ref!.arnName];
    } else if (f.kind === 'references') {
      value = (get(props, f.prop) as Array<Record<string, Record<string, string>>>).map(r => r[f.ref!.refName][f.ref!.arnName]);
    } else if (f.kind === 'password') {
      value = password?.unsafeUnwrap();
    } else if (f.kind === 'proficiencies') {
      value = proficiencies;
    } else {
      value = Object.entries(props.tags ?? {}).map(([key, v]) => ({ key, value: v }));
    }
    set(out, path, value, 'channel');
  }
  return out as unknown as CfnUserProps;
}
