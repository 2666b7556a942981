import { CfnResource, Reference, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ConnectResourceType, parseConnectArn } from './arn';

/**
 * A key that is equal for two references to the same Amazon Connect instance:
 * the instance ARN for literals, or the path of the instance construct for
 * references to resources in the app. `undefined` when it cannot be told
 * (a parameter, an import value, an unparseable literal).
 *
 * Constant work: no scan of the construct tree.
 */
export function instanceKeyOfInstanceArn(instanceArn: string): string | undefined {
  if (!Token.isUnresolved(instanceArn)) {
    return parseConnectArn(instanceArn, 'instance')?.instanceArn;
  }
  const target = referenceTarget(instanceArn);
  return target ? `construct:${target.node.path}` : undefined;
}

/**
 * The instance key of a Connect child resource (routing profile, security
 * profile, hierarchy group, user) from that resource's ARN.
 */
export function instanceKeyOfResourceArn(arn: string, type: ConnectResourceType): string | undefined {
  if (!Token.isUnresolved(arn)) {
    return parseConnectArn(arn, type)?.instanceArn;
  }
  // An L1 in the app (CfnRoutingProfile, ...) names its instance in its InstanceArn property.
  const target = referenceTarget(arn);
  const instanceArn = target && CfnResource.isCfnResource(target) ? (target as unknown as { instanceArn?: unknown }).instanceArn : undefined;
  return typeof instanceArn === 'string' ? instanceKeyOfInstanceArn(instanceArn) : undefined;
}

/**
 * The construct a token string refers to (`Fn::GetAtt` / `Ref`), if it is exactly one reference.
 * A string built from several tokens and text (`arn:aws:connect:${Aws.REGION}:...`, `Arn.format()`)
 * refers to no single construct: `undefined`, never an error.
 */
function referenceTarget(value: string): IConstruct | undefined {
  const fragments = Tokenization.reverseString(value);
  if (fragments.length !== 1) return undefined;
  const resolvable = fragments.firstToken;
  return resolvable && Reference.isReference(resolvable) ? resolvable.target : undefined;
}

/** True when both keys are known and name different instances. */
export function differentInstances(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== b && a.startsWith('construct:') === b.startsWith('construct:');
}
