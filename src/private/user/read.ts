/**
 * An agent's options from the values of its rows, as the roster's CSV and JSON
 * readers have them: each value goes to its row's props path, and the value
 * classes on the way (`phoneConfig`, a voice `phone`, proficiencies) are built
 * from their fields through their internal constructors, not their factories:
 * the user's checks judge the fields, so a row's problems are reported together.
 */
import { Duration } from 'aws-cdk-lib';
import { Field } from './fields';
import { get, set } from './paths';
import { VoicePhone } from '../../channel-settings';
import { PhoneConfig } from '../../phone-config';
import { UserProficiency } from '../../proficiency';
import type { RosterUserSpec } from '../../roster-props';

/** The value classes the rows' props paths pass through, each built from the fields its rows set. */
const VALUE_CLASSES: ReadonlyArray<[string, (fields: any) => unknown]> = [
  ['phoneConfig', fields => PhoneConfig._fromFields(fields)],
  ['channelSettings.voice.phone', fields => VoicePhone._fromFields(fields)],
];

/** A proficiency as the CSV and the JSON document give it. */
export interface ProficiencyValue {
  readonly attributeName: string;
  readonly attributeValue: string;
  readonly level: number;
}

/** Proficiencies given by their fields. */
export const proficienciesOf = (list: readonly ProficiencyValue[]): UserProficiency[] =>
  list.map(p => UserProficiency._fromFields(p.attributeName, p.attributeValue, p.level));

/**
 * A value of a roster document as the options take it: seconds become a
 * `Duration`, proficiencies `UserProficiency`s; every other kind is the same in both.
 */
export function fromJson(f: Field, v: unknown): unknown {
  if (v === undefined) return undefined;
  if (f.kind === 'seconds') return Duration.seconds(v as number);
  if (f.kind === 'proficiencies') return proficienciesOf(v as ProficiencyValue[]);
  return v;
}

/** A roster agent from the values of its rows (values already in the options' types). */
export function specOf(values: ReadonlyArray<readonly [Field, unknown]>): RosterUserSpec {
  const spec: Record<string, unknown> = {};
  for (const [f, v] of values) set(spec, f.prop, v);
  for (const [path, make] of VALUE_CLASSES) {
    const fields = get(spec, path);
    if (fields !== undefined) set(spec, path, make(fields));
  }
  return spec as unknown as RosterUserSpec;
}
