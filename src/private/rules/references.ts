/**
 * Rules of the references: the instance, routing profile, security profiles and
 * hierarchy group. See common.ts for the evidence levels.
 */
import { Stack, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isToken, Problems, show } from './common';
import { ConnectArnParts, ConnectResourceType, couldBeConnectArn, expectedArnShape, parseConnectArn } from '../arn';
import { differentInstances, instanceKeyOfResourceArn } from '../instance';

/** The types of the resources a user refers to, as they appear in ARNs. */
export type MemberType = 'routing-profile' | 'security-profile' | 'agent-group';

// Evidence: model, through the handler. CloudFormation's handler sends InstanceArn as CreateUser's InstanceId
// (aws-connect-user CreateHandler: instanceId(model.getInstanceArn())), whose length is 1-100 in the model.
const MAX_INSTANCE_ID = 100;

/**
 * Checks the shape of a literal ARN of a Connect resource type.
 *
 * @returns the ARN's parts when it is a literal of the right shape.
 */
export function checkArn(p: Problems, path: string, arn: string, type: ConnectResourceType): ConnectArnParts | undefined {
  if (isToken(arn)) {
    checkTokenArn(p, path, arn, type);
    return undefined;
  }
  // Evidence: schema. InstanceArn / RoutingProfileArn / SecurityProfileArn / HierarchyGroupArn / UserArn patterns.
  const parts = parseConnectArn(arn, type);
  if (!parts) {
    p.add(path, `${show(arn)} is not an Amazon Connect ${type} ARN; expected ${expectedArnShape(type)}`);
    return undefined;
  }
  // Evidence: documented. Every Amazon Connect resource is regional and has an id; the schema's patterns
  // allow both to be empty.
  const empty = [parts.region === '' && 'region', parts.instanceId === '' && 'instance id', parts.resourceId === '' && `${type} id`].filter(Boolean);
  if (empty.length > 0) {
    p.warn('arnShape', path, `${show(arn)} has an empty ${empty.join(' and ')}; Amazon Connect ARNs have them (${expectedArnShape(type)})`);
  }
  if (type === 'instance' && arn.length > MAX_INSTANCE_ID) {
    p.add(path, `${show(arn)} is ${arn.length} characters long; expected at most ${MAX_INSTANCE_ID}, as CloudFormation sends it as CreateUser's InstanceId (API model InstanceId)`);
  }
  return parts;
}

// Stands for a token in a string's literal parts; no ARN character, so no literal part is mistaken for one.
const TOKEN_MARK = '\u0000';
// Rosters give thousands of users the same few token-built ARNs: check each once.
const tokenArnVerdicts = new Map<string, boolean>();

/**
 * The literal parts of an ARN built from tokens (`arn:aws:connect:${Aws.REGION}:…`): whether, whatever
 * its tokens resolve to, it can have the schema's shape for `type`. A routing profile ARN with no
 * `instance/<id>/` segment, or a security profile's ARN given as a routing profile, cannot.
 * Evidence: schema (the same patterns as checkArn's; cfn-lint's W1032 flags such joins too). Each token
 * may stand for any string, so only an ARN that no values of its tokens could make valid is rejected.
 */
function checkTokenArn(p: Problems, path: string, arn: string, type: ConnectResourceType): void {
  const key = `${type} ${arn}`;
  let possible = tokenArnVerdicts.get(key);
  if (possible === undefined) {
    const joined: unknown = Tokenization.reverseString(arn)
      .mapTokens({ mapToken: () => TOKEN_MARK })
      .join({ join: (a: unknown, b: unknown) => `${a}${b}` });
    // A value the reverse cannot take apart (a list token, say) is skipped, never guessed at.
    if (typeof joined !== 'string') return;
    const parts: Array<string | undefined> = [];
    joined.split(TOKEN_MARK).forEach((literal, i) => {
      if (i > 0) parts.push(undefined);
      parts.push(literal);
    });
    possible = couldBeConnectArn(parts, type);
    if (tokenArnVerdicts.size < 10_000) tokenArnVerdicts.set(key, possible);
  }
  if (!possible) {
    const shown = Tokenization.reverseString(arn).mapTokens({ mapToken: () => '${token}' }).join({ join: (a: unknown, b: unknown) => `${a}${b}` });
    p.add(path, `${show(shown)} (built from tokens) cannot be an Amazon Connect ${type} ARN, whatever its tokens resolve to; expected ${expectedArnShape(type)}`);
  }
}

/**
 * Checks a literal ARN given to an import, throwing a validation error that
 * names `subject` and `property` when it has the wrong shape.
 *
 * @returns the ARN's parts (or `undefined` for a token), and the warnings for the import.
 */
export function checkImportArn(
  arn: string, type: ConnectResourceType, subject: string, property: string,
): { parts?: ConnectArnParts; problems: Problems } {
  const problems = new Problems();
  const parts = checkArn(problems, property, arn, type);
  problems.throwIfAny(subject);
  return { parts, problems };
}

/** A referenced resource's ARN shape, and that it lives in the user's instance. */
export function checkMember(p: Problems, instanceKey: string | undefined, path: string, arn: string, type: MemberType): void {
  checkArn(p, path, arn, type);
  const memberKey = instanceKeyOfResourceArn(arn, type);
  // Evidence: documented. API CreateUser takes RoutingProfileId, SecurityProfileIds and HierarchyGroupId
  // within InstanceId (Amazon Connect Global Resiliency replicates resources across instances, so this
  // stays a warning).
  if (differentInstances(instanceKey, memberKey)) {
    p.warn('otherInstance', path, `${isToken(arn) ? 'the referenced resource' : show(arn)} belongs to instance ${describeKey(memberKey!)}, not the user's instance ${describeKey(instanceKey!)}; expected a ${type} of the user's instance`);
  }
}

/** The instance ARN's shape, and its region and account against the stack's. */
export function checkInstance(p: Problems, scope: IConstruct, instanceArn: string): void {
  const parts = checkArn(p, 'instance', instanceArn, 'instance');
  if (!parts) return;
  const stack = Stack.of(scope);
  // Evidence: documented. CloudFormation calls Amazon Connect in the stack's account and region.
  if (!isToken(stack.region) && parts.region !== '' && stack.region !== parts.region) {
    p.warn('instanceRegion', 'instance', `${show(instanceArn)} is in region ${parts.region} but the stack deploys to ${stack.region}; expected an instance in ${stack.region}`);
  }
  if (!isToken(stack.account) && stack.account !== parts.account) {
    p.warn('instanceAccount', 'instance', `${show(instanceArn)} is in account ${parts.account} but the stack deploys to ${stack.account}; expected an instance in ${stack.account}`);
  }
}

/** The security profiles' count and uniqueness (checked at synth, after `addSecurityProfile()`). */
export function checkSecurityProfileArns(p: Problems, arns: string[]): void {
  // Evidence: schema and model. SecurityProfileArns minItems 1, maxItems 10; SecurityProfileIds 1-10.
  if (arns.length < 1 || arns.length > 10) {
    p.add('securityProfiles', `${arns.length} given; expected 1-10 security profiles`);
  }
  // Evidence: schema. SecurityProfileArns uniqueItems.
  if (arns.length < 2) return;
  const seen = new Set<string>();
  for (const arn of arns) {
    if (seen.has(arn)) {
      p.add('securityProfiles', `${isToken(arn) ? 'the same referenced security profile' : show(arn)} is listed more than once; expected each at most once`);
    }
    seen.add(arn);
  }
}

/** How an instance key reads in a message. */
export function describeKey(key: string): string {
  return key.startsWith('construct:') ? `'${key.slice('construct:'.length)}'` : key;
}
