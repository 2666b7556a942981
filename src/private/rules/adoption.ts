/** Rules of adopting (importing) a user made outside CloudFormation. See common.ts for the evidence levels. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { isToken, Problems, show } from './common';
import { checkArn, describeKey } from './references';
import { differentInstances, instanceKeyOfResourceArn } from '../instance';

/** What the adoption rules need to know about a user. */
export interface AdoptionFields {
  readonly adopt?: boolean;
  readonly existingUserArn?: string;
  readonly removalPolicy?: RemovalPolicy;
  readonly hasPassword: boolean;
  /** `undefined` for a roster row without one (reported as such). */
  readonly username: string | undefined;
  readonly instanceArn: string;
  readonly instanceKey: string | undefined;
}

/** The removal policy of a user. */
export function checkRemovalPolicy(p: Problems, policy: RemovalPolicy | undefined): void {
  // Evidence: schema (cfn-lint E3035). AWS::Connect::User does not support the Snapshot deletion policy.
  if (policy === RemovalPolicy.SNAPSHOT) {
    p.add('removalPolicy', 'SNAPSHOT is not supported by AWS::Connect::User (a user has no snapshot); expected RETAIN (the default) or DESTROY');
  }
}

/** What would make a CloudFormation resource import of an adopted user fail or misbehave. */
export function checkAdoption(p: Problems, f: AdoptionFields): void {
  if (!f.adopt) {
    // Evidence: library. The ARN is used only by an import: it would be silently dropped.
    if (f.existingUserArn !== undefined) {
      p.add('existingUserArn', 'is set without adopt: true; expected adopt: true, or no existingUserArn');
    }
    return;
  }
  // Evidence: library. CloudFormation resource import requires a DeletionPolicy on every imported resource;
  // adopting an agent only to delete it on removal defeats the purpose, so RETAIN is the only policy taken.
  if (f.removalPolicy !== undefined && f.removalPolicy !== RemovalPolicy.RETAIN) {
    p.add('removalPolicy', `${f.removalPolicy} conflicts with adopt: true; expected RemovalPolicy.RETAIN or unset`);
  }
  // Evidence: library. Password is write-only in the schema and sent only by CreateUser, which an import
  // never calls: the value would be silently unused.
  if (f.hasPassword) {
    p.add('password', 'is set on an adopted user; expected none: an imported user keeps the password it has, and CloudFormation cannot import a write-only password');
  }
  if (f.existingUserArn !== undefined) {
    // Evidence: schema. UserArn pattern (the import identifier, primaryIdentifier /properties/UserArn).
    checkArn(p, 'existingUserArn', f.existingUserArn, 'agent');
    // Evidence: library. The import would name a user of another instance than the template's InstanceArn.
    if (differentInstances(f.instanceKey, instanceKeyOfResourceArn(f.existingUserArn, 'agent'))) {
      p.add('existingUserArn', `${show(f.existingUserArn)} is a user of another instance; expected a user of ${describeKey(f.instanceKey!)}`);
    }
    // Evidence: library. The import mapping must hold the literal identifier.
    if (isToken(f.existingUserArn)) {
      p.add('existingUserArn', 'is a token; expected the literal ARN, which the import mapping must contain');
    }
  } else if (isToken(f.username) || isToken(f.instanceArn)) {
    // Evidence: library. CloudFormation resource import needs the identifier (UserArn) of every imported resource.
    p.add('existingUserArn', 'missing, and the username or instance ARN is a token, so the user cannot be looked up; expected existingUserArn for an adopted user');
  }
}
