/**
 * The types of an agent's options as a JavaScript or jsii caller passed them,
 * row by row from the field table (evidence: library; see rules/types.ts).
 */
import { FIELDS, Field } from './fields';
import { PARENT_STEPS, readRows, ReadRows, ROW_STEPS } from './rows';
import { Problems } from '../problems';
import {
  expect, expectBoolean, expectDuration, expectNoneOf, expectObject, expectOptionObject, expectPassword, expectProficiencies,
  expectRef, expectString, expectStringMap, isRef,
} from '../rules/types';

/** `props`: a `ConnectUserProps` (references are references); `spec`: a roster agent (references are names). */
export type Shape = 'props' | 'spec';

/** Props this library took before, and what replaced them: a caller's old code would otherwise lose them without a word. */
const REPLACED: { readonly [shape in Shape]: ReadonlyArray<readonly [string, string]> } = {
  props: [['generatePassword', 'password: UserPassword.generate()'], ['passwordEncryptionKey', 'password: UserPassword.generate({ encryptionKey })']],
  // A roster agent took its identity and phone settings flat before it took the options of a ConnectUser.
  spec: FIELDS.filter(f => /^(identityInfo|phoneConfig)\./.test(f.prop)).map(f => {
    const name = f.prop.split('.')[1];
    return [name, `${f.prop}${f.prop.startsWith('phoneConfig') ? ' (phoneConfig: PhoneConfig.softPhone() or deskPhone())' : ''}`] as const;
  }),
};

/** Checks one row's value (exported for the tests). */
export function checkRow(p: Problems, f: Field, v: unknown, shape: Shape): void {
  const path = f.prop;
  const ref = f.ref;
  switch (f.kind) {
    case 'string': expectString(p, path, v, !f.required); break;
    case 'boolean': expectBoolean(p, path, v); break;
    case 'seconds': expectDuration(p, path, v); break;
    case 'voiceEnhancementMode': expectString(p, path, v, true); break;
    // A phone type's rule says what is wrong with any value (rules/channels.ts).
    case 'phoneType': break;
    case 'password': expectPassword(p, path, v); break;
    case 'proficiencies': expectProficiencies(p, v); break;
    case 'tags': expectStringMap(p, path, v); break;
    case 'instance':
      if (shape === 'props') expectRef(p, path, v, ref!.refName, ref!.arnName);
      break;
    case 'reference':
      if (shape === 'props') expectRef(p, path, v, ref!.refName, ref!.arnName, !f.required);
      else expectString(p, path, v, !f.required);
      break;
    case 'references':
      if (!expect(p, path, v, Array.isArray(v), 'an array')) break;
      // An item's path is written only for an item that has a problem (a loop, not forEach: a sparse array's holes
      // are read as the missing items they are).
      for (let i = 0; i < (v as unknown[]).length; i++) {
        const item = (v as unknown[])[i];
        if (shape === 'props' ? !isRef(item, ref!.refName, ref!.arnName) : typeof item !== 'string') {
          if (shape === 'props') expectRef(p, `${path}[${i}]`, item, ref!.refName, ref!.arnName);
          else expectString(p, `${path}[${i}]`, item);
        }
      }
      break;
  }
}

/**
 * The types of every member of an agent's options (`ConnectUserProps`, or a
 * roster's `RosterUserSpec`). A member under an object that is not one (a
 * `phoneConfig` that is a string) is not read.
 */
export function checkOptionTypes(p: Problems, value: unknown, shape: Shape, read: ReadRows = readRows(value)): void {
  if (!expectObject(p, shape, value, false)) return;
  // A parent that is not an object was read as nothing: say what it is.
  const { objects, values } = read;
  for (let i = 0; i < PARENT_STEPS.length; i++) {
    if (objects[i + 1] !== undefined) continue;
    const step = PARENT_STEPS[i];
    const outer = objects[step.above];
    if (outer !== undefined) expectOptionObject(p, step.parent, outer[step.key]);
  }
  for (let i = 0; i < ROW_STEPS.length; i++) {
    // An optional row left out passes every kind's check (test/rules/types.test.ts checks each kind): not checked.
    if (values[i] === undefined && !FIELDS[i].required) continue;
    if (objects[ROW_STEPS[i].parent] !== undefined) checkRow(p, FIELDS[i], values[i], shape);
  }
  expectNoneOf(p, value, REPLACED[shape]);
  if (shape === 'props') {
    // Props of a ConnectUser that are not settings of the agent (fields.ts NOT_SETTINGS).
    expectString(p, 'removalPolicy', value.removalPolicy, true);
    expectString(p, 'identityManagementType', value.identityManagementType, true);
  }
}
