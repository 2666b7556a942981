/**
 * The types of an agent's options as a JavaScript or jsii caller passed them,
 * row by row from the field table (evidence: library; see rules/types.ts).
 */
import { FIELDS, Field } from './fields';
import { segments } from './paths';
import { Problems } from '../problems';
import {
  expectArray, expectBoolean, expectDuration, expectNoneOf, expectObject, expectOptionObject, expectPassword, expectProficiencies,
  expectRef, expectString, expectStringMap,
} from '../rules/types';

/** `props`: a `ConnectUserProps` (references are references); `spec`: a roster agent (references are names). */
export type Shape = 'props' | 'spec';

/** The objects the rows' props paths pass through (`phoneConfig`, `channelSettings.voice`, …), parents first. */
const PARENTS: readonly string[] = [...new Set(FIELDS.flatMap(f => {
  const segs = segments(f.prop).map(s => s.key);
  return segs.slice(1).map((_, i) => segs.slice(0, i + 1).join('.'));
}))].sort((a, b) => a.split('.').length - b.split('.').length);

/** Props this library took before, and what replaced them: a caller's old code would otherwise lose them without a word. */
const REPLACED: { readonly [shape in Shape]: { readonly [prop: string]: string } } = {
  props: { generatePassword: 'password: UserPassword.generate()', passwordEncryptionKey: 'password: UserPassword.generate({ encryptionKey })' },
  // A roster agent took its identity and phone settings flat before it took the options of a ConnectUser.
  spec: Object.fromEntries(FIELDS.filter(f => /^(identityInfo|phoneConfig)\./.test(f.prop)).map(f => {
    const name = f.prop.split('.')[1];
    return [name, `${f.prop}${f.prop.startsWith('phoneConfig') ? ' (phoneConfig: PhoneConfig.softPhone() or deskPhone())' : ''}`];
  })),
};

/**
 * Each parent with the index of the parent above it and its last key, and each row with its parent's index and last
 * key (index 0 is the options themselves, parent i is index i + 1): worked out once and read for every agent, so that
 * an agent's check reads each object once and looks nothing up by name.
 */
const PARENT_STEPS = PARENTS.map(parent => {
  const keys = parent.split('.');
  return { parent, above: PARENTS.indexOf(keys.slice(0, -1).join('.')) + 1, key: keys[keys.length - 1] };
});
const ROW_STEPS = FIELDS.map(f => {
  const keys = f.prop.split('.');
  return { f, parent: PARENTS.indexOf(keys.slice(0, -1).join('.')) + 1, key: keys[keys.length - 1] };
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks one row's value. */
function checkRow(p: Problems, f: Field, v: unknown, shape: Shape): void {
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
      expectArray(p, path, v, (item, itemPath) => (shape === 'props'
        ? expectRef(p, itemPath, item, ref!.refName, ref!.arnName)
        : expectString(p, itemPath, item)));
      break;
  }
}

/**
 * The types of every member of an agent's options (`ConnectUserProps`, or a
 * roster's `RosterUserSpec`). A member under an object that is not one (a
 * `phoneConfig` that is a string) is not read.
 */
export function checkOptionTypes(p: Problems, value: unknown, shape: Shape): void {
  if (!expectObject(p, shape, value, false)) return;
  // The objects the rows live in, by index (0 is the options themselves); a parent that is not an object is left out.
  const objects: Array<Record<string, unknown> | undefined> = [value];
  for (let i = 0; i < PARENT_STEPS.length; i++) {
    const { parent, above, key } = PARENT_STEPS[i];
    const outer = objects[above];
    const v = outer === undefined ? undefined : outer[key];
    objects[i + 1] = outer !== undefined && expectOptionObject(p, parent, v) && isObject(v) ? v : undefined;
  }
  for (const { f, parent, key } of ROW_STEPS) {
    const outer = objects[parent];
    if (outer !== undefined) checkRow(p, f, outer[key], shape);
  }
  expectNoneOf(p, value, REPLACED[shape]);
  if (shape === 'props') {
    // Props of a ConnectUser that are not settings of the agent (fields.ts NOT_SETTINGS).
    expectString(p, 'removalPolicy', value.removalPolicy, true);
    expectString(p, 'identityManagementType', value.identityManagementType, true);
  }
}
