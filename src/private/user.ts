import { Annotations, CfnResource, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { CfnUser, CfnUserProps, IInstanceRef } from 'aws-cdk-lib/aws-connect';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
import { ADOPT_METADATA_KEY } from './adopt';
import { checkChannelSettings, renderChannelSettings } from './channels';
import { differentInstances, instanceKeyOfInstanceArn, instanceKeyOfResourceArn } from './instance';
import { Problems, show } from './problems';
import { claimUsername } from './registry';
import {
  checkArn, checkIdentityInfo, checkIdentityRequirements, checkPasswordReference, checkPlaintextPassword, checkSecurityProfileArns,
  checkTag, checkTagCount, checkUsername,
} from './rules';
import { SharedChecks, sharedCheck } from './shared-checks';
import type { ConnectUserProps } from '../connect-user';
import { IdentityManagementType } from '../identity';
import type { IConnectInstance } from '../references';

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
}

/**
 * Every construction-time check of a user's props (all but the username's
 * uniqueness, see {@link claimUniqueUsername}). `scope` is where the user's
 * resource goes: its stack decides the region and account.
 *
 * `shared` (given by a roster) runs the checks of inputs that many users share
 * (the instance, the referenced profiles and group) once per distinct input;
 * every user still gets every problem those inputs have.
 */
export function checkUserProps(scope: IConstruct, props: ConnectUserProps, shared?: SharedChecks): CheckedUser {
  const instanceArn = props.instance.instanceRef.instanceArn;
  const problems = new Problems();
  const { instanceKey, type } = sharedCheck(shared, problems, ['identity', props.instance, props.identityManagementType], p => ({
    instanceKey: instanceKeyOfInstanceArn(instanceArn),
    type: resolveIdentityType(p, props),
  }));

  checkUsername(problems, props.username, type);
  sharedCheck(shared, problems, ['instance', Stack.of(scope), instanceArn], p => checkInstance(p, scope, instanceArn));
  const member = (path: string, arn: string, memberType: MemberType) =>
    sharedCheck(shared, problems, ['member', instanceKey, path, arn], p => checkMember(p, instanceKey, path, arn, memberType));
  member('routingProfile', props.routingProfile.routingProfileRef.routingProfileArn, 'routing-profile');
  for (let i = 0; i < props.securityProfiles.length; i++) {
    member(`securityProfiles[${i}]`, props.securityProfiles[i].securityProfileRef.securityProfileArn, 'security-profile');
  }
  if (props.hierarchyGroup) {
    member('hierarchyGroup', props.hierarchyGroup.userHierarchyGroupRef.userHierarchyGroupArn, 'agent-group');
  }
  checkIdentityInfo(problems, props.identityInfo, type);
  const hasPassword = props.password !== undefined || !!props.generatePassword;
  checkIdentityRequirements(problems, { type, hasPassword, directoryUserId: props.directoryUserId, adopted: props.adopt });
  // Source: this library's rule that nothing is silently dropped: two password sources, or a key with
  // nothing to encrypt, would leave one of them unused.
  if (props.generatePassword && props.password !== undefined) {
    problems.add('generatePassword', 'is true while password is set; expected one of them');
  }
  if (props.passwordEncryptionKey && !props.generatePassword) {
    problems.add('passwordEncryptionKey', 'is set without generatePassword; expected generatePassword: true, or no key');
  }
  checkChannelSettings(problems, props.channelSettings, props.phoneConfig);
  const plaintextPassword = props.password !== undefined && !Token.isUnresolved(props.password.unsafeUnwrap());
  if (plaintextPassword) {
    checkPlaintextPassword(problems, props.password!.unsafeUnwrap());
  } else if (props.password !== undefined) {
    checkPasswordReference(problems, Stack.of(scope).resolve(props.password.unsafeUnwrap()));
  }
  checkAdoption(problems, props, instanceKey, instanceArn);
  return { problems, instanceArn, instanceKey, identityManagementType: type, plaintextPassword };
}

type MemberType = 'routing-profile' | 'security-profile' | 'agent-group';

/**
 * Claims the username in its instance for `holder`, adding a problem when
 * another user of the app already has it (compared without regard to case).
 * One map lookup: no scan of the app.
 */
export function claimUniqueUsername(
  problems: Problems, holder: IConstruct, checked: CheckedUser, username: string, root: IConstruct = holder.node.root,
): void {
  if (Token.isUnresolved(username)) return;
  // Source: API CreateUser returns DuplicateResourceException for a username that exists in the instance.
  const other = claimUsername(holder, checked.instanceKey ?? checked.instanceArn, username, root);
  if (other !== undefined) {
    problems.add('username', `${show(username)} is already used in the same instance by '${other}'; expected a username unique in the instance (compared without regard to case)`);
  }
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

/** The synth warning on a user whose password is a plaintext SecretValue (the value is not shown). */
export function warnPlaintextPassword(scope: IConstruct): void {
  Annotations.of(scope).addWarningV2('cdk-connect-user:plaintextPassword',
    'password is a plaintext SecretValue, so it is written into the CloudFormation template. Use SecretValue.secretsManager() instead.');
}

/** The removal policy of a user: RETAIN unless told otherwise, and always RETAIN when adopted. */
export function userRemovalPolicy(props: ConnectUserProps): RemovalPolicy {
  return props.adopt ? RemovalPolicy.RETAIN : props.removalPolicy ?? RemovalPolicy.RETAIN;
}

/** The L1 properties of a user. `password` is the effective one (given or generated). */
export function renderUserProps(
  props: ConnectUserProps, instanceArn: string, password: SecretValue | undefined,
  proficiencies: CfnUser.UserProficiencyProperty[] | undefined,
): CfnUserProps {
  return {
    instanceArn,
    username: props.username,
    routingProfileArn: props.routingProfile.routingProfileRef.routingProfileArn,
    securityProfileArns: props.securityProfiles.map(sp => sp.securityProfileRef.securityProfileArn),
    hierarchyGroupArn: props.hierarchyGroup?.userHierarchyGroupRef.userHierarchyGroupArn,
    phoneConfig: props.phoneConfig?._render(),
    identityInfo: props.identityInfo && {
      firstName: props.identityInfo.firstName,
      lastName: props.identityInfo.lastName,
      email: props.identityInfo.email,
      secondaryEmail: props.identityInfo.secondaryEmail,
      mobile: props.identityInfo.mobile,
    },
    directoryUserId: props.directoryUserId,
    password: password?.unsafeUnwrap(),
    userProficiencies: proficiencies,
    tags: Object.entries(props.tags ?? {}).map(([key, value]) => ({ key, value })),
    ...renderChannelSettings(props.channelSettings),
  };
}

/** A referenced resource's ARN shape, and that it lives in the user's instance. */
export function checkMember(problems: Problems, instanceKey: string | undefined, path: string, arn: string, type: MemberType): void {
  checkArn(problems, path, arn, type);
  const memberKey = instanceKeyOfResourceArn(arn, type);
  // Source: API CreateUser takes RoutingProfileId, SecurityProfileIds and HierarchyGroupId within InstanceId.
  if (differentInstances(instanceKey, memberKey)) {
    problems.add(path, `${Token.isUnresolved(arn) ? 'the referenced resource' : show(arn)} belongs to instance ${describeKey(memberKey!)}, not the user's instance ${describeKey(instanceKey!)}; expected a ${type} of the user's instance`);
  }
}

/** The instance ARN's shape, and its region and account against the stack's. */
function checkInstance(problems: Problems, scope: IConstruct, instanceArn: string): void {
  const parts = checkArn(problems, 'instance', instanceArn, 'instance');
  if (!parts) return;
  const stack = Stack.of(scope);
  // Source: CloudFormation deploys a stack to one account and region, and the user is created in the instance's.
  if (!Token.isUnresolved(stack.region) && stack.region !== parts.region) {
    problems.add('instance', `${show(instanceArn)} is in region ${parts.region} but the stack deploys to ${stack.region}; expected an instance in ${stack.region}`);
  }
  if (!Token.isUnresolved(stack.account) && stack.account !== parts.account) {
    problems.add('instance', `${show(instanceArn)} is in account ${parts.account} but the stack deploys to ${stack.account}; expected an instance in ${stack.account}`);
  }
}

/** What would make a CloudFormation resource import of an adopted user fail or misbehave. */
function checkAdoption(problems: Problems, props: ConnectUserProps, instanceKey: string | undefined, instanceArn: string): void {
  if (!props.adopt) {
    if (props.existingUserArn !== undefined) {
      // Source: this library's rule that nothing is silently dropped: the ARN is used only by an import.
      problems.add('existingUserArn', 'is set without adopt: true; expected adopt: true, or no existingUserArn');
    }
    return;
  }
  if (props.removalPolicy !== undefined && props.removalPolicy !== RemovalPolicy.RETAIN) {
    // Source: CloudFormation resource import requires DeletionPolicy on every imported resource; adopting
    // an agent only to delete it on removal defeats the purpose, so RETAIN is the only accepted policy.
    problems.add('removalPolicy', `${props.removalPolicy} conflicts with adopt: true; expected RemovalPolicy.RETAIN or unset`);
  }
  // Source: schema Password is write-only: CloudFormation cannot read it back, so an import cannot
  // take it over, and CFN only sends it on create anyway.
  if (props.password !== undefined || props.generatePassword) {
    problems.add('password', 'is set on an adopted user; expected none: an imported user keeps the password it has, and CloudFormation cannot import a write-only password');
  }
  if (props.existingUserArn !== undefined) {
    // Source: schema UserArn pattern (the import identifier, primaryIdentifier /properties/UserArn).
    checkArn(problems, 'existingUserArn', props.existingUserArn, 'agent');
    if (differentInstances(instanceKey, instanceKeyOfResourceArn(props.existingUserArn, 'agent'))) {
      problems.add('existingUserArn', `${show(props.existingUserArn)} is a user of another instance; expected a user of ${describeKey(instanceKey!)}`);
    }
    if (Token.isUnresolved(props.existingUserArn)) {
      problems.add('existingUserArn', 'is a token; expected the literal ARN, which the import mapping must contain');
    }
  } else if (Token.isUnresolved(props.username) || Token.isUnresolved(instanceArn)) {
    // Source: CloudFormation resource import needs the identifier (UserArn) of every imported resource.
    problems.add('existingUserArn', 'missing, and the username or instance ARN is a token, so the user cannot be looked up; expected existingUserArn for an adopted user');
  }
}

function describeKey(key: string): string {
  return key.startsWith('construct:') ? `'${key.slice('construct:'.length)}'` : key;
}

/** The identity-management type from the prop and from the instance, reporting a conflict. */
function resolveIdentityType(problems: Problems, props: ConnectUserProps): IdentityManagementType | undefined {
  const inferred = inferIdentityType(props.instance);
  const explicit = props.identityManagementType;
  if (explicit !== undefined && inferred !== undefined && explicit !== inferred) {
    problems.add('identityManagementType', `${explicit} conflicts with the instance's ${inferred}; expected ${inferred} or unset`);
  }
  return explicit ?? inferred;
}

function inferIdentityType(instance: IInstanceRef): IdentityManagementType | undefined {
  let value: unknown;
  if (CfnResource.isCfnResource(instance) && instance.cfnResourceType === 'AWS::Connect::Instance') {
    value = (instance as unknown as { identityManagementType?: unknown }).identityManagementType;
  } else {
    value = (instance as Partial<IConnectInstance>).identityManagementType;
  }
  return typeof value === 'string' && (Object.values(IdentityManagementType) as string[]).includes(value)
    ? value as IdentityManagementType
    : undefined;
}

/**
 * The Secrets Manager secret of a generated initial password (JSON keys
 * `username` and `password`).
 */
export function createPasswordSecret(scope: IConstruct, id: string, props: ConnectUserProps, removalPolicy: RemovalPolicy): secretsmanager.Secret {
  return new secretsmanager.Secret(scope, id, {
    description: 'Initial password of an Amazon Connect user',
    encryptionKey: props.passwordEncryptionKey,
    // Source: schema/API Password: 8-64 characters with a lowercase letter, an uppercase letter and a digit.
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: props.username }),
      generateStringKey: 'password',
      passwordLength: 32,
      excludePunctuation: true,
      includeSpace: false,
      requireEachIncludedType: true,
    },
    removalPolicy,
  });
}

/** Marks an adopted user's L1 for the import-mapping command. */
export function markAdopted(resource: CfnUser, props: ConnectUserProps, instanceArn: string): void {
  // Read by the import-mapping command: what it needs to name the user in `cdk import --resource-mapping`.
  resource.addMetadata(ADOPT_METADATA_KEY, {
    username: props.username,
    instanceArn,
    ...(props.existingUserArn !== undefined ? { userArn: props.existingUserArn } : {}),
  });
}
