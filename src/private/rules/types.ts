/**
 * The types of what JavaScript and jsii callers pass: TypeScript's types are not
 * there at run time, and a value of the wrong type would otherwise crash a check
 * or the renderer with a TypeError that names no property. Evidence: library.
 * A token is of the type it stands for (strings and numbers), so it passes.
 */
import { SecretValue } from 'aws-cdk-lib';
import { describeValue as describe, Problems } from './common';

/** What `UserPassword.isUserPassword()` checks (the same symbol): this module does not load the class. */
const isUserPassword = (v: unknown) => v !== null && typeof v === 'object' && Symbol.for('cdk-connect-user.UserPassword') in v;

type Value = unknown;

const isObject = (v: Value): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Records a type problem when `ok` is false. */
export function expect(p: Problems, path: string, v: Value, ok: boolean, expected: string): boolean {
  if (!ok) p.add(path, `is ${describe(v)}; expected ${expected}`);
  return ok;
}

export const expectString = (p: Problems, path: string, v: Value, optional = false) =>
  expect(p, path, v, typeof v === 'string' || (optional && v === undefined), optional ? 'a string, or nothing' : 'a string');

export const expectBoolean = (p: Problems, path: string, v: Value) =>
  expect(p, path, v, typeof v === 'boolean' || v === undefined, 'true, false, or nothing');

/** A Duration (from this or another copy of aws-cdk-lib: checked by shape). */
export const expectDuration = (p: Problems, path: string, v: Value) =>
  expect(p, path, v, v === undefined || (isObject(v) && typeof v.toSeconds === 'function' && typeof v.isUnresolved === 'function'),
    'a Duration such as Duration.seconds(30), or nothing');

/** A UserPassword; a SecretValue (the password's type before 0.x changed it) gets the way to wrap it. */
export function expectPassword(p: Problems, path: string, v: Value): void {
  if (v === undefined || isUserPassword(v)) return;
  p.add(path, SecretValue.isSecretValue(v)
    ? 'is a SecretValue; expected a UserPassword: UserPassword.fromSecretValue(value), UserPassword.fromSecret(secret) or UserPassword.generate()'
    : `is ${describe(v)}; expected a UserPassword (UserPassword.fromSecret(), UserPassword.generate() or UserPassword.unsafePlainText()), or nothing`);
}

/**
 * Props this library took before: a JavaScript caller's old code would otherwise lose them without a word.
 * `replaced` lists each with what replaced it.
 */
export function expectNoneOf(p: Problems, props: Record<string, unknown>, replaced: ReadonlyArray<readonly [string, string]>): void {
  for (let i = 0; i < replaced.length; i++) {
    // Not destructured: that runs the iterator protocol, for each of thousands of agents.
    const name = replaced[i][0];
    if (props[name] !== undefined) p.add(name, `is no longer a prop; use ${replaced[i][1]}`);
  }
}

/** A list of proficiencies (each checked by its fields). */
export function expectProficiencies(p: Problems, list: Value): void {
  if (list === undefined) return;
  if (!expect(p, 'proficiencies', list, Array.isArray(list), 'an array, or nothing')) return;
  // The item's path is written only for an item that has a problem.
  const items = list as Value[];
  for (let i = 0; i < items.length; i++) if (!isProficiency(items[i])) expectProficiency(p, `proficiencies[${i}]`, items[i]);
}

/** Whether a proficiency's fields are all of their types: {@link expectProficiency} then finds nothing. */
function isProficiency(item: Value): boolean {
  return isObject(item) && typeof item.attributeName === 'string' && typeof item.attributeValue === 'string'
    && isObject(item.level) && typeof item.level.levelValue === 'number';
}

/** One proficiency (a `UserProficiency`, or what a JavaScript caller passed), checked by its fields. */
export function expectProficiency(p: Problems, path: string, item: Value): void {
  if (isProficiency(item)) return;
  {
    if (!expectObject(p, path, item, false)) return;
    expectString(p, `${path}.attributeName`, item.attributeName);
    expectString(p, `${path}.attributeValue`, item.attributeValue);
    const level = item.level;
    if (typeof level === 'number') {
      // The level's number itself: say how to make a level of it.
      p.add(`${path}.level`, `is ${describe(level)}; expected a ProficiencyLevel: ProficiencyLevel.of(${level})`);
    } else if (expect(p, `${path}.level`, level, isObject(level), 'a ProficiencyLevel: ProficiencyLevel.of(n) with n from 1 to 5, or ProficiencyLevel.ONE to FIVE')) {
      const levelValue = (level as Record<string, unknown>).levelValue;
      expect(p, `${path}.level.levelValue`, levelValue, typeof levelValue === 'number', 'a number from 1 to 5');
    }
  }
}

/** Something IAM can grant to (`iam.IGrantable`: a role, user, group, or any construct with a `grantPrincipal`). */
export function expectGrantable(p: Problems, path: string, v: Value): void {
  expect(p, path, v, isObject(v) && isObject(v.grantPrincipal), 'an IGrantable (a role, user, group, or anything with a grantPrincipal)');
}

/** An object, or nothing when `optional`; returns whether its members can be read. */
export const expectObject = (p: Problems, path: string, v: Value, optional = true): v is Record<string, unknown> =>
  expect(p, path, v, isObject(v) || (optional && v === undefined), optional ? 'an object, or nothing' : 'an object') && isObject(v);

/**
 * The options that take an object of one of the library's classes, by their path, and how to make one:
 * a JavaScript caller who passes the phone type's name gets the factory to call.
 */
const MADE_BY: { readonly [path: string]: string } = {
  'phoneConfig': 'a PhoneConfig (PhoneConfig.softPhone() or PhoneConfig.deskPhone(phoneNumber))',
  'channelSettings.voice.phone': 'a VoicePhone (VoicePhone.SOFT_PHONE or VoicePhone.deskPhone(phoneNumber))',
};

/** An optional object of an agent's options (`phoneConfig`, `channelSettings.voice`, …); returns whether its members can be read. */
export function expectOptionObject(p: Problems, path: string, v: Value): v is Record<string, unknown> {
  if (isObject(v)) return true;
  // What is expected is written only when it is not there.
  if (v !== undefined) p.add(path, `is ${describe(v)}; expected ${MADE_BY[path] ?? 'an object'}, or nothing`);
  return false;
}

/** A map of strings (tags). */
export function expectStringMap(p: Problems, path: string, v: Value): void {
  if (!expectObject(p, path, v)) return;
  // A member's path is written only for a member that is not a string.
  for (const k of Object.keys(v)) if (typeof v[k] !== 'string') expectString(p, `${path}.${k}`, v[k]);
}

/**
 * A reference such as `IRoutingProfileRef`: an object whose `refName` member holds
 * the ARN as a string (`{ routingProfileRef: { routingProfileArn } }`).
 */
export function expectRef(p: Problems, path: string, v: Value, refName: string, arnName: string, optional = false): void {
  if (optional && v === undefined) return;
  // What is expected is written only when it is not there.
  if (!isRef(v, refName, arnName)) p.add(path, `is ${describe(v)}; expected a reference with ${refName}.${arnName} (an import such as fromXxxArn(), or an L1)`);
}

/** Whether `v` is a reference whose `refName` member holds the ARN as a string: {@link expectRef} then finds nothing. */
export function isRef(v: Value, refName: string, arnName: string): boolean {
  const ref = isObject(v) ? v[refName] : undefined;
  return isObject(ref) && typeof ref[arnName] === 'string';
}

/** An array whose every item `each` checks. */
export function expectArray(p: Problems, path: string, v: Value, each: (item: Value, itemPath: string) => void, optional = false): void {
  if (optional && v === undefined) return;
  if (!expect(p, path, v, Array.isArray(v), optional ? 'an array, or nothing' : 'an array')) return;
  // A loop, not forEach: a sparse array's holes (`new Array(2)`) are read as the missing items they are.
  const items = v as Value[];
  for (let i = 0; i < items.length; i++) each(items[i], `${path}[${i}]`);
}

/** Props of a roster this library took before, and what replaced them. */
const REPLACED_ROSTER_PROPS: ReadonlyArray<readonly [string, string]> = [['generatePasswords', 'passwords: UserPassword.generate()']];

/** The types of a roster's own props (ConnectUserRosterProps), before its rows. */
export function checkRosterPropTypes(p: Problems, props: Value): void {
  if (!expectObject(p, 'props', props, false)) return;
  expectRef(p, 'instance', props.instance, 'instanceRef', 'instanceArn', true);
  expectArray(p, 'users', props.users, () => undefined, true);
  expectString(p, 'csv', props.csv, true);
  expectString(p, 'json', props.json, true);
  const map = (name: string, refName: string, arnName: string, optional: boolean) => {
    if (expectObject(p, name, props[name], optional)) {
      for (const [k, v] of Object.entries(props[name] as Record<string, unknown>)) expectRef(p, `${name}.${k}`, v, refName, arnName);
    }
  };
  map('routingProfiles', 'routingProfileRef', 'routingProfileArn', true);
  map('securityProfiles', 'securityProfileRef', 'securityProfileArn', true);
  map('hierarchyGroups', 'userHierarchyGroupRef', 'userHierarchyGroupArn', true);
  expectString(p, 'identityManagementType', props.identityManagementType, true);
  expectPassword(p, 'passwords', props.passwords);
  expectNoneOf(p, props, REPLACED_ROSTER_PROPS);
  expectBoolean(p, 'adopt', props.adopt);
  expectBoolean(p, 'allowPlaintextPasswords', props.allowPlaintextPasswords);
  expect(p, 'shardCount', props.shardCount, props.shardCount === undefined || typeof props.shardCount === 'number', 'a whole number, or nothing');
  expect(p, 'maxConcurrentCreations', props.maxConcurrentCreations, props.maxConcurrentCreations === undefined || typeof props.maxConcurrentCreations === 'number',
    'a whole number, or nothing');
  expectString(p, 'removalPolicy', props.removalPolicy, true);
  expectStringMap(p, 'tags', props.tags);
}
