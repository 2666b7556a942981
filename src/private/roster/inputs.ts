/**
 * What every agent of a roster shares, from the props and the JSON document:
 * the instance, its identity-management type and the name → reference maps
 * (the document's ARNs become imports here).
 */
import { Token } from 'aws-cdk-lib';
import { IInstanceRef, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { ParsedDocument } from './document';
import { IdentityManagementType } from '../../identity';
import { ConnectInstance, RoutingProfile, SecurityProfile, UserHierarchyGroup } from '../../references';
import type { ConnectUserRosterProps } from '../../roster-props';
import { Problems, show } from '../problems';
import { checkIdentityTypeValue } from '../rules/identity';

/** What every agent of one roster shares, resolved. */
export interface SharedInputs {
  readonly instance: IInstanceRef;
  readonly identityManagementType?: IdentityManagementType;
  readonly routingProfiles: { [name: string]: IRoutingProfileRef };
  readonly securityProfiles: { [name: string]: ISecurityProfileRef };
  readonly hierarchyGroups: { [name: string]: IUserHierarchyGroupRef };
}

/**
 * What every agent shares, from the props and the JSON document (whose ARNs
 * become imports in `scope`). `undefined` when they cannot be had (the errors say why).
 */
export function sharedInputs(
  scope: Construct, props: ConnectUserRosterProps, doc: ParsedDocument | undefined, errors: string[],
): SharedInputs | undefined {
  const before = errors.length;
  const type = joinIdentityType(props.identityManagementType, doc?.identityManagementType, errors);
  let instance = props.instance;
  if (doc?.instanceArn !== undefined) {
    checkSameArn('instanceArn', props.instance?.instanceRef.instanceArn, doc.instanceArn, 'the instance prop', errors);
    instance ??= ConnectInstance.fromInstanceAttributes(scope, 'Instance', {
      instanceArn: doc.instanceArn,
      identityManagementType: type,
    });
  }
  if (instance === undefined) {
    errors.push(`instance: missing; expected the instance prop${props.json !== undefined ? ', or instanceArn in the JSON document' : ''}`);
  }
  const maps = {
    routingProfiles: joinMap(scope, 'routingProfiles', props.routingProfiles, doc?.routingProfiles, errors,
      (s, i, arn) => RoutingProfile.fromRoutingProfileArn(s, i, arn), r => r.routingProfileRef.routingProfileArn),
    securityProfiles: joinMap(scope, 'securityProfiles', props.securityProfiles, doc?.securityProfiles, errors,
      (s, i, arn) => SecurityProfile.fromSecurityProfileArn(s, i, arn), r => r.securityProfileRef.securityProfileArn),
    hierarchyGroups: joinMap(scope, 'hierarchyGroups', props.hierarchyGroups, doc?.hierarchyGroups, errors,
      (s, i, arn) => UserHierarchyGroup.fromUserHierarchyGroupArn(s, i, arn), r => r.userHierarchyGroupRef.userHierarchyGroupArn),
  };
  return errors.length > before ? undefined : { instance: instance!, identityManagementType: type, ...maps };
}

/** The identity type from the prop and the document: the same when both are given. */
function joinIdentityType(prop: IdentityManagementType | undefined, doc: string | undefined, errors: string[]): IdentityManagementType | undefined {
  // The prop as a JavaScript caller may pass it: one error for the roster, not one per agent. (The document's
  // value is checked with the document.)
  const checked = new Problems();
  if (!checkIdentityTypeValue(checked, 'identityManagementType', prop)) {
    errors.push(...checked.found);
    return undefined;
  }
  // Evidence: library. Two answers to one question: neither can be preferred silently.
  if (prop !== undefined && doc !== undefined && prop !== doc) {
    errors.push(`identityManagementType: the prop says ${prop} and the JSON document ${doc}; expected one, or both the same`);
  }
  return prop ?? doc as IdentityManagementType | undefined;
}

/** Records an error when a prop's ARN and the document's differ (tokens are not compared). */
function checkSameArn(path: string, prop: string | undefined, doc: string, propName: string, errors: string[]): void {
  // Evidence: library. Two answers to one question: neither can be preferred silently.
  if (prop !== undefined && !Token.isUnresolved(prop) && prop !== doc) {
    errors.push(`${path}: the JSON document says ${show(doc)} and ${propName} ${show(prop)}; expected the same ARN, or one of them`);
  }
}

/**
 * A name map from the prop and the document's (name → ARN, made into imports).
 * A name in both must give the same ARN.
 */
function joinMap<T>(
  scope: Construct, name: string, prop: { [name: string]: T } | undefined, doc: { [name: string]: string } | undefined,
  errors: string[], fromArn: (scope: Construct, id: string, arn: string) => T, arnOf: (ref: T) => string,
): { [name: string]: T } {
  const joined: { [name: string]: T } = Object.assign(Object.create(null), prop);
  if (doc === undefined) return joined;
  Object.keys(doc).forEach((key, i) => {
    const arn = doc[key];
    if (Object.prototype.hasOwnProperty.call(joined, key)) {
      checkSameArn(`${name}.${key}`, arnOf(joined[key]), arn, `the ${name} prop`, errors);
    } else {
      // Names may hold any character, '/' included: the construct id is the map and the position.
      joined[key] = fromArn(scope, `${name}${i}`, arn);
    }
  });
  return joined;
}

