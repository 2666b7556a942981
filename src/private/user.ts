import { Annotations, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import { CfnUser, CfnUserProps } from 'aws-cdk-lib/aws-connect';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { IConstruct } from 'constructs';
import { ADOPT_METADATA_KEY } from './adopt';
import { renderChannelSettings } from './channels';
import { instanceKeyOfInstanceArn } from './instance';
import { Problems } from './problems';
import { checkAdoption, checkRemovalPolicy } from './rules/adoption';
import { checkChannelSettings, checkPhoneConfig, PhoneFields } from './rules/channels';
import { checkDirectoryUserId, checkIdentityInfo, resolveIdentityType } from './rules/identity';
import { checkPasswordPresence, checkPasswordReference, checkPlaintextPassword, checkSecureReferencesElsewhere } from './rules/password';
import { checkProficiencies, ProficiencyFields } from './rules/proficiencies';
import { checkInstance, checkMember, checkSecurityProfileArns, MemberType } from './rules/references';
import { checkTag, checkTagCount } from './rules/tags';
import { checkUserPropTypes } from './rules/types';
import { checkUniqueUsername, checkUsername } from './rules/username';
import { SharedChecks, sharedCheck } from './shared-checks';
import type { ConnectUserProps } from '../connect-user';
import { IdentityManagementType } from '../identity';

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
  const problems = new Problems();
  // What a JavaScript caller passed, before anything reads it. A roster checks its specs' types itself.
  if (!shared) {
    checkUserPropTypes(problems, props);
    if (problems.any) {
      return { problems, instanceArn: '', instanceKey: undefined, identityManagementType: undefined, plaintextPassword: false };
    }
  }
  const instanceArn = props.instance.instanceRef.instanceArn;
  const { instanceKey, type } = sharedCheck(shared, problems, ['identity', props.instance, props.identityManagementType], p => ({
    instanceKey: instanceKeyOfInstanceArn(instanceArn),
    type: resolveIdentityType(p, props.instance, props.identityManagementType),
  }));

  checkUsername(problems, props.username);
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
  checkDirectoryUserId(problems, { type, directoryUserId: props.directoryUserId });
  const hasPassword = props.password !== undefined || !!props.generatePassword;
  checkPasswordPresence(problems, {
    type,
    hasPassword,
    adopted: props.adopt,
    generate: props.generatePassword,
    given: props.password !== undefined,
    encryptionKey: !!props.passwordEncryptionKey,
  });
  checkPhoneConfig(problems, props.phoneConfig);
  checkChannelSettings(problems, props.channelSettings, props.phoneConfig);
  if (props.proficiencies) {
    checkProficiencies(problems, props.proficiencies);
  }
  const plaintextPassword = props.password !== undefined && !Token.isUnresolved(props.password.unsafeUnwrap());
  if (plaintextPassword) {
    checkPlaintextPassword(problems, props.password!.unsafeUnwrap());
  } else if (props.password !== undefined) {
    checkPasswordReference(problems, Stack.of(scope).resolve(props.password.unsafeUnwrap()));
  }
  checkRemovalPolicy(problems, props.removalPolicy);
  const info = props.identityInfo;
  checkSecureReferencesElsewhere(problems, [
    ['username', props.username], ['directoryUserId', props.directoryUserId], ['existingUserArn', props.existingUserArn],
    ['identityInfo.firstName', info?.firstName], ['identityInfo.lastName', info?.lastName], ['identityInfo.email', info?.email],
    ['identityInfo.secondaryEmail', info?.secondaryEmail], ['identityInfo.mobile', info?.mobile],
    ['phoneConfig.deskPhoneNumber', props.phoneConfig?.deskPhoneNumber],
  ], v => Stack.of(scope).resolve(v));
  checkAdoption(problems, {
    adopt: props.adopt,
    existingUserArn: props.existingUserArn,
    removalPolicy: props.removalPolicy,
    hasPassword,
    username: props.username,
    instanceArn,
    instanceKey,
  });
  return { problems, instanceArn, instanceKey, identityManagementType: type, plaintextPassword };
}

/**
 * Claims the username in its instance for `holder` (see {@link checkUniqueUsername}).
 */
export function claimUniqueUsername(
  problems: Problems, holder: IConstruct, checked: CheckedUser, username: string, root: IConstruct = holder.node.root,
): void {
  checkUniqueUsername(problems, holder, checked.instanceKey ?? checked.instanceArn, username, root);
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

/**
 * The CloudFormation shape of phone settings, from their fields (as for proficiencies).
 */
export function renderPhoneConfig(p: PhoneFields): CfnUser.UserPhoneConfigProperty {
  return {
    phoneType: p.phoneType,
    deskPhoneNumber: p.deskPhoneNumber,
    autoAccept: p.autoAccept,
    afterContactWorkTimeLimit: p.afterContactWorkTimeLimit?.toSeconds({ integral: false }),
    persistentConnection: p.persistentConnection,
  };
}

/**
 * The CloudFormation shape of a proficiency, from its fields (a look-alike object
 * of a JavaScript caller renders too, and the checks report what is wrong with it).
 */
export function renderProficiency(p: ProficiencyFields): CfnUser.UserProficiencyProperty {
  return { attributeName: p.attributeName, attributeValue: p.attributeValue, level: p.level?.levelValue };
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
    phoneConfig: props.phoneConfig && renderPhoneConfig(props.phoneConfig),
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
