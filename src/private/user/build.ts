import { CfnElement, CfnResource, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { CfnUser, IRoutingProfileRef } from 'aws-cdk-lib/aws-connect';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { FIELDS, has } from './fields';
import { segments } from './paths';
import { renderProficiency, renderUserProps } from './render';
import { UserResource } from './resource';
import { readRows } from './rows';
import { checkOptionTypes } from './types';
import type { ConnectUserProps } from '../../connect-user-props';
import type { IdentityManagementType } from '../../identity';
import type { UserPassword } from '../../password';
import { ADOPT_METADATA_KEY } from '../adopt';
import { instanceKeyOfInstanceArn } from '../instance';
import { FoundWarning, Problems } from '../problems';
import { checkAdoption, checkRemovalPolicy } from '../rules/adoption';
import { checkChannelSettings, checkPhoneConfig } from '../rules/channels';
import { checkDirectoryUserId, checkIdentityInfo, resolveIdentityType } from '../rules/identity';
import { checkPasswordPresence, checkPasswordReference, checkPlaintextPassword, checkSecureReferenceElsewhere } from '../rules/password';
import { checkProficiencies } from '../rules/proficiencies';
import { checkInstance, checkMember, checkSecurityProfileArns, MemberType } from '../rules/references';
import { checkTag, checkTagCount } from '../rules/tags';
import { checkUniqueUsername, checkUsername, checkUsernameAt } from '../rules/username';
import { SharedChecks, sharedCheck } from '../shared-checks';

/**
 * The settings the aws-cdk-lib floor's `CfnUser` (2.239) drops: its mapper renders a struct's fields as they were
 * when it was generated (AfterContactWorkConfig: AfterContactWorkTimeLimit only; 2.276 adds AfterContactWorkMode).
 * Evidence: library. They are written by a property override, only when set, so every other template is as the L1
 * renders it; under a later aws-cdk-lib the override writes the value the L1 renders. String values only.
 */
const NEWER_THAN_FLOOR: readonly number[] = FIELDS.flatMap((f, i) => (f.newerThanFloor && has(f.cfn) ? [i] : []));

/** The string settings (their rows' indexes), where an SSM SecureString reference would be refused (rules/password.ts). */
const STRING_SETTINGS: readonly number[] = FIELDS.flatMap((f, i) => (f.kind === 'string' ? [i] : []));

/**
 * What the checks of one user found: the problems, and what the caller needs
 * to build the user. Shared by `ConnectUser` and `ConnectUserRoster`, so that an
 * agent of a roster goes through exactly the checks of a single user.
 */
export interface CheckedUser {
  readonly problems: Problems;
  readonly instanceArn: string;
  readonly instanceKey: string | undefined;
  readonly identityManagementType: IdentityManagementType | undefined;
  /** The password is a literal (plaintext) value. */
  readonly plaintextPassword: boolean;
  /** The value of each row of the field table in the props, by its index (rows.ts). */
  readonly values: readonly unknown[];
}

/**
 * A user's props as the checks take them: a roster row may lack its username or routing profile (an empty cell, an
 * unknown name, reported with the row), and still gets every other check, so that all of its problems come at once.
 */
export type CheckableProps = Omit<ConnectUserProps, 'username' | 'routingProfile'> & {
  readonly username: string | undefined;
  readonly routingProfile: IRoutingProfileRef | undefined;
};

/**
 * Every construction-time check of a user's props (all but the username's
 * uniqueness, which {@link buildUser} claims). `scope` is where the user's
 * resource goes: its stack decides the region and account.
 *
 * `shared` (given by a roster) runs the checks of inputs that many users share
 * (the instance, the referenced profiles and group) once per distinct input;
 * every user still gets every problem those inputs have. `namesUnresolved`: a
 * roster row named a profile its maps lack, so the list is short of what it named.
 */
export function checkUserProps(
  scope: IConstruct, props: CheckableProps, shared?: SharedChecks, namesUnresolved = false, checkTypes = shared === undefined,
): CheckedUser {
  const problems = new Problems();
  const read = readRows(props);
  // What a JavaScript caller passed, before anything else reads it. A roster checks its specs' types itself.
  if (checkTypes) {
    checkOptionTypes(problems, props, 'props', read);
    if (problems.any) {
      return { problems, instanceArn: '', instanceKey: undefined, identityManagementType: undefined, plaintextPassword: false, values: read.values };
    }
  }
  const instanceArn = props.instance.instanceRef.instanceArn;
  // The instance's type is in the key as well as the instance: a CfnInstance's identityManagementType is a field that
  // may change between two users of a stack.
  const instanceType = (props.instance as { identityManagementType?: unknown }).identityManagementType;
  const { instanceKey, type } = sharedCheck(shared, problems, ['identity', props.instance, instanceType, props.identityManagementType], p => ({
    instanceKey: instanceKeyOfInstanceArn(instanceArn),
    type: resolveIdentityType(p, props.instance, props.identityManagementType),
  }));

  if (props.username !== undefined) {
    checkUsername(problems, props.username);
    checkUsernameAt(problems, props.username, type, props.adopt);
  }
  sharedCheck(shared, problems, ['instance', Stack.of(scope), instanceArn], p => checkInstance(p, scope, instanceArn));
  const member = (path: string, arn: string, memberType: MemberType) =>
    sharedCheck(shared, problems, ['member', instanceKey, path, arn], p => checkMember(p, instanceKey, path, arn, memberType));
  if (props.routingProfile !== undefined) member('routingProfile', props.routingProfile.routingProfileRef.routingProfileArn, 'routing-profile');
  for (let i = 0; i < props.securityProfiles.length; i++) {
    member(`securityProfiles[${i}]`, props.securityProfiles[i].securityProfileRef.securityProfileArn, 'security-profile');
  }
  if (props.hierarchyGroup) {
    member('hierarchyGroup', props.hierarchyGroup.userHierarchyGroupRef.userHierarchyGroupArn, 'agent-group');
  }
  // What the resource starts with is checked now, so that its problems come with the others in one error; what
  // addSecurityProfile() and Tags.of() add later is checked at synth (checkMutableProps).
  // (Not when a roster could not resolve some of the row's names: the list is then short of what the row named.)
  if (!namesUnresolved) checkSecurityProfileArns(problems, props.securityProfiles.map(sp => sp.securityProfileRef.securityProfileArn));
  const tags = props.tags ?? {};
  const tagKeys = Object.keys(tags);
  checkTagCount(problems, tagKeys.length);
  for (let i = 0; i < tagKeys.length; i++) {
    const key = tagKeys[i];
    const value = tags[key];
    sharedCheck(shared, problems, ['tag', key, value], p => checkTag(p, key, value));
  }
  checkIdentityInfo(problems, props.identityInfo, type);
  checkDirectoryUserId(problems, { type, directoryUserId: props.directoryUserId });
  const hasPassword = props.password !== undefined;
  checkPasswordPresence(problems, { type, hasPassword, adopted: props.adopt });
  checkPhoneConfig(problems, props.phoneConfig);
  checkChannelSettings(problems, props.channelSettings, props.phoneConfig);
  if (props.proficiencies) {
    checkProficiencies(problems, props.proficiencies);
  }
  const plaintextPassword = checkPassword(problems, scope, props.password?._value);
  checkRemovalPolicy(problems, props.removalPolicy);
  checkStringSettings(problems, scope, read.values);
  checkAdoption(problems, {
    adopt: props.adopt,
    existingUserArn: props.existingUserArn,
    removalPolicy: props.removalPolicy,
    hasPassword,
    username: props.username,
    instanceArn,
    instanceKey,
  });
  return { problems, instanceArn, instanceKey, identityManagementType: type, plaintextPassword, values: read.values };
}

/**
 * The password's value (given, or a generated password's token): a plaintext one's rules, or a reference's.
 *
 * @returns whether the password is plaintext
 */
function checkPassword(problems: Problems, scope: IConstruct, given: SecretValue | undefined): boolean {
  if (given === undefined) return false;
  // A plaintext SecretValue is plaintext whichever factory passed it.
  if (!Token.isUnresolved(given.unsafeUnwrap())) {
    checkPlaintextPassword(problems, given.unsafeUnwrap());
    return true;
  }
  const resolved = resolvePassword(scope, given.unsafeUnwrap());
  if (typeof resolved === 'string' || (resolved !== null && typeof resolved === 'object' && !Array.isArray(resolved))) {
    checkPasswordReference(problems, resolved);
  } else {
    // Evidence: schema (Password type string). A SecretValue of a JavaScript caller may hold anything; the value is never shown.
    problems.add('password', `the SecretValue holds ${resolved === RESOLUTION_FAILED ? 'a value CDK cannot resolve' : `a ${typeof resolved}`} `
      + '(value not shown); expected a string, a Secrets Manager reference or another token');
  }
  return false;
}

/** The string settings, where an SSM SecureString reference would be refused. */
function checkStringSettings(problems: Problems, scope: IConstruct, values: readonly unknown[]): void {
  const resolve = (v: string) => Stack.of(scope).resolve(v);
  for (let i = 0; i < STRING_SETTINGS.length; i++) {
    const v = values[STRING_SETTINGS[i]];
    if (typeof v === 'string') checkSecureReferenceElsewhere(problems, FIELDS[STRING_SETTINGS[i]].prop, v, resolve);
  }
}

const sharedByStack = new WeakMap<Stack, SharedChecks>();

/**
 * The checks of shared inputs (instance, profiles, group, tags) for the `ConnectUser`s of one stack, run once per
 * distinct input as a roster runs them for its agents: the users of a stack mostly share them.
 */
export function stackSharedChecks(stack: Stack): SharedChecks {
  let shared = sharedByStack.get(stack);
  if (shared === undefined) sharedByStack.set(stack, shared = new SharedChecks());
  return shared;
}

/**
 * The synth-time checks of what can change on a user's L1 after construction:
 * security profiles (`addSecurityProfile()`) and tags (`Tags.of()`).
 */
export function checkMutableProps(problems: Problems, resource: CfnUser, shared?: SharedChecks): void {
  checkSecurityProfileArns(problems, resource.securityProfileArns);
  const tags = resource.tags.tagValues();
  const keys = Object.keys(tags);
  checkTagCount(problems, keys.length);
  for (const key of keys) {
    // A roster's agents mostly share their tags: with `shared`, each distinct key and value is checked once.
    const value = tags[key];
    sharedCheck(shared, problems, ['tag', key, value], p => checkTag(p, key, value));
  }
}

/** The synth warning on a user whose password is plaintext (the value is not shown). Evidence: library (our rule on secrets). */
const PLAINTEXT_PASSWORD: FoundWarning = {
  id: 'plaintextPassword',
  text: 'password is plaintext (UserPassword.unsafePlainText(), or a plaintext SecretValue), so it is written into the CloudFormation template. '
    + 'Use UserPassword.fromSecret() or UserPassword.generate() instead.',
};

/** What {@link resolvePassword} gives for a value CDK cannot resolve. */
const RESOLUTION_FAILED = Symbol('resolution failed');

/**
 * A password token's CloudFormation form, or RESOLUTION_FAILED: CDK's own error is not passed on,
 * as it may describe the value.
 */
function resolvePassword(scope: IConstruct, token: string): unknown {
  try {
    return Stack.of(scope).resolve(token);
  } catch {
    return RESOLUTION_FAILED;
  }
}

/**
 * The removal policy of a user (and of its generated password's secret): an adopted user is always RETAIN; a given
 * policy wins; otherwise RETAIN_ON_UPDATE_OR_DELETE (DeletionPolicy RetainExceptOnCreate, UpdateReplacePolicy Retain).
 * Evidence: documented (CloudFormation's DeletionPolicy attribute, RetainExceptOnCreate, 2023-07): a user is deleted
 * when the stack operation that created it rolls back, so a failed first deploy leaves no user whose username the retry
 * would refuse; after that it is retained as with Retain. An adopted user was not created by the stack: it stays
 * Retain, the policy an import is documented with. What a roster's shard that completed before another failed
 * leaves is in docs/rollback.md.
 */
function userRemovalPolicy(props: ConnectUserProps): RemovalPolicy {
  return props.adopt ? RemovalPolicy.RETAIN : props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
}

/**
 * The Secrets Manager secret of a generated initial password (JSON keys
 * `username` and `password`).
 */
function createPasswordSecret(
  scope: IConstruct, id: string, username: string, password: UserPassword, removalPolicy: RemovalPolicy,
): secretsmanager.Secret {
  return new secretsmanager.Secret(scope, id, {
    description: 'Initial password of an Amazon Connect user',
    encryptionKey: password._encryptionKey,
    // Source: schema/API Password: 8-64 characters with a lowercase letter, an uppercase letter and a digit.
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username }),
      generateStringKey: 'password',
      passwordLength: 32,
      excludePunctuation: true,
      includeSpace: false,
      requireEachIncludedType: true,
    },
    removalPolicy,
  });
}

/** How {@link buildUser} places and names what it makes. */
export interface BuildOptions {
  /** The checks of inputs that many users share, run once per distinct input (a roster's). */
  readonly shared?: SharedChecks;
  /**
   * Whether to check the types of `props` as a JavaScript caller passed them.
   *
   * @default - without `shared` (a roster checks its specs' types itself)
   */
  readonly checkTypes?: boolean;
  /** The app, where usernames are claimed (given by callers that build many users). */
  readonly root?: IConstruct;
  /**
   * The construct that holds the username and gets the warnings.
   *
   * @default - the user's resource
   */
  readonly owner?: IConstruct;
  /** The construct id of a generated password's secret, in `scope`. */
  readonly secretId: string;
  /**
   * Where the user's own warnings go instead of onto its resource (a roster, which reports each rule once
   * for all its agents). Warnings of shared inputs (an instance) still go to their own construct.
   *
   * @default - onto the owner
   */
  readonly warnings?: (found: readonly FoundWarning[]) => void;
  /**
   * The logical id of the resource (the secret's is this with `Password` after it).
   *
   * @default - derived from the construct path
   */
  readonly logicalId?: string;
}

/** What {@link buildUser} made, or why it made nothing. */
export interface BuiltUser {
  /** Every problem found; when it has errors, nothing was made. */
  readonly problems: Problems;
  readonly checked: CheckedUser;
  readonly resource?: CfnUser;
  /** The secret of a generated password. */
  readonly passwordSecret?: secretsmanager.Secret;
}

/**
 * Builds one user: every check, the username claim, the generated password's
 * secret, the resource, its removal policy and adoption metadata, and the
 * warnings. The one path of `ConnectUser` and of every roster agent. Problems are
 * returned, not thrown: a roster reports all of its agents' at once. When there
 * are errors nothing is made and no username is claimed.
 */
export function buildUser(scope: Construct, id: string, props: ConnectUserProps, options: BuildOptions): BuiltUser {
  const checked = checkUserProps(scope, props, options.shared, false, options.checkTypes);
  const problems = checked.problems;
  if (problems.any) return { problems, checked };
  // The owner claims the username; a roster's agent claims it for the resource it is about to make.
  checkUniqueUsername(problems, options.owner ?? scope, checked.instanceKey ?? checked.instanceArn, props.username,
    options.root ?? scope.node.root, options.owner ? undefined : id);
  if (problems.any) return { problems, checked };

  const removalPolicy = userRemovalPolicy(props);
  let password = props.password?._value;
  let passwordSecret: secretsmanager.Secret | undefined;
  if (props.password?._kind === 'generated') {
    passwordSecret = createPasswordSecret(scope, options.secretId, props.username, props.password, removalPolicy);
    password = passwordSecret.secretValueFromJson('password');
  }
  const cfnProps = renderUserProps(props, checked.values, checked.instanceArn, password, props.proficiencies?.map(renderProficiency));
  const resource = new UserResource(scope, id, cfnProps);
  if (NEWER_THAN_FLOOR.length > 0) overrideNewerThanFloor(resource, checked.values);
  resource.applyRemovalPolicy(removalPolicy);
  if (options.logicalId !== undefined) {
    resource.overrideLogicalId(options.logicalId);
    (passwordSecret?.node.defaultChild as CfnResource | undefined)?.overrideLogicalId(`${options.logicalId}Password`);
  } else {
    rememberAllocatedLogicalId(resource);
    if (passwordSecret) rememberAllocatedLogicalId(passwordSecret.node.defaultChild as CfnElement);
  }
  if (props.adopt) {
    markAdopted(resource, props, checked.instanceArn);
  }
  const owner = options.owner ?? resource;
  if (checked.plaintextPassword) problems.addFound({ errors: [], warnings: [PLAINTEXT_PASSWORD] });
  problems.emitWarnings(owner, options.warnings);
  return { problems, checked, resource, passwordSecret };
}

/**
 * Spares CDK from hashing a user's construct path every time its template is resolved (three
 * times or more a synth): `CfnElement.logicalId` is an uncached Lazy that calls the stack's
 * `allocateLogicalId()`, an MD5 of the path, on each read, some 10 µs a user. The id the stack
 * allocates depends on the path alone, so it is kept after the first read; the stack's renames
 * (`Stack.renameLogicalId()`, which may come later) and overrides still apply on every read, as
 * in CDK. Were the internals it relies on renamed in a later aws-cdk-lib, nothing is changed
 * and CDK derives the id as before (same output, slower).
 */
function rememberAllocatedLogicalId(resource: CfnElement): void {
  const element = resource as unknown as { synthesizeLogicalId?: () => string; _logicalIdOverride?: string };
  const stack = resource.stack as unknown as {
    allocateLogicalId?: (e: CfnElement) => string;
    _logicalIds?: { applyRename?: (id: string) => string };
  };
  const renames = stack._logicalIds;
  if (typeof element.synthesizeLogicalId !== 'function' || typeof stack.allocateLogicalId !== 'function'
    || typeof renames?.applyRename !== 'function') {
    return;
  }
  let allocated: string | undefined;
  element.synthesizeLogicalId = () => element._logicalIdOverride
    ?? renames.applyRename!(allocated ??= stack.allocateLogicalId!.call(stack, resource));
}

/**
 * Writes each set setting the floor's `CfnUser` drops (NEWER_THAN_FLOOR) by a property override at its CloudFormation
 * path, a per-channel entry by its index in the list the L1 holds (the renderer made the entry, with the setting in it).
 */
function overrideNewerThanFloor(resource: CfnUser, values: readonly unknown[]): void {
  for (let i = 0; i < NEWER_THAN_FLOOR.length; i++) {
    const value = values[NEWER_THAN_FLOOR[i]];
    if (value === undefined) continue;
    const f = FIELDS[NEWER_THAN_FLOOR[i]];
    const parts: string[] = [];
    let l1: unknown = resource;
    for (const s of segments(f.cfn as string)) {
      parts.push(s.key);
      l1 = (l1 as Record<string, unknown> | undefined)?.[`${s.key[0].toLowerCase()}${s.key.slice(1)}`];
      if (s.channel === undefined) continue;
      const index = Array.isArray(l1) ? l1.findIndex(e => e?.channel === s.channel) : -1;
      if (index < 0) throw new Error(`internal: no ${s.key} entry for ${s.channel} to write ${f.cfn} into`);
      parts.push(String(index));
      l1 = (l1 as unknown[])[index];
    }
    resource.addPropertyOverride(parts.join('.'), value);
  }
}

/** Marks an adopted user's L1 for the import-mapping command. */
function markAdopted(resource: CfnUser, props: ConnectUserProps, instanceArn: string): void {
  // Read by the import-mapping command: what it needs to name the user in `cdk import --resource-mapping`.
  resource.addMetadata(ADOPT_METADATA_KEY, {
    username: props.username,
    instanceArn,
    ...(props.existingUserArn !== undefined ? { userArn: props.existingUserArn } : {}),
  });
}
