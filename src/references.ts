import { Resource } from 'aws-cdk-lib';
import {
  IInstanceRef, InstanceReference, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef,
  RoutingProfileReference, SecurityProfileReference, UserHierarchyGroupReference,
} from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { IdentityManagementType } from './identity';
import { Problems } from './private/problems';
import { checkIdentityTypeValue } from './private/rules/identity';
import { checkArn, checkImportArn } from './private/rules/references';

/**
 * An Amazon Connect instance, as referenced by users. Any `IInstanceRef`
 * (such as a `CfnInstance`) can be used where an instance is expected; this
 * interface adds what an import can tell about the instance.
 */
export interface IConnectInstance extends IInstanceRef {
  /**
   * The ARN of the instance.
   *
   * @attribute
   */
  readonly instanceArn: string;

  /**
   * How the instance manages identities, when known. Users of the instance
   * are then validated against that type's rules.
   *
   * @default - unknown
   */
  readonly identityManagementType?: IdentityManagementType;
}

/**
 * Attributes of an existing Amazon Connect instance.
 */
export interface ConnectInstanceAttributes {
  /**
   * The instance ARN, `arn:<partition>:connect:<region>:<account>:instance/<instance-id>`.
   */
  readonly instanceArn: string;

  /**
   * How the instance manages identities. Set it so that users of the instance
   * are checked against that type's rules (password, names, username length).
   *
   * @default - unknown: the rules that depend on it are not checked
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/connect-identity-management.html
   */
  readonly identityManagementType?: IdentityManagementType;
}

/*
 * The imports' classes, one each for the module rather than one a call: every import of a kind then has the same
 * shape, so the code that reads thousands of users' references stays monomorphic (a class made per call gave each
 * stack's imports their own maps, and V8 dropped the users' optimized checks and renderer at each new stack).
 */

/** An imported instance. */
class ImportedInstance extends Resource implements IConnectInstance {
  public readonly instanceArn: string;
  public readonly identityManagementType?: IdentityManagementType;
  constructor(scope: Construct, id: string, instanceArn: string, identityManagementType: IdentityManagementType | undefined) {
    super(scope, id, { environmentFromArn: instanceArn });
    this.instanceArn = instanceArn;
    this.identityManagementType = identityManagementType;
  }
  public get instanceRef(): InstanceReference {
    return { instanceArn: this.instanceArn };
  }
}

/** An imported routing profile. */
class ImportedRoutingProfile extends Resource implements IRoutingProfileRef {
  public readonly routingProfileRef: RoutingProfileReference;
  constructor(scope: Construct, id: string, routingProfileArn: string) {
    super(scope, id, { environmentFromArn: routingProfileArn });
    this.routingProfileRef = { routingProfileArn };
  }
}

/** An imported security profile. */
class ImportedSecurityProfile extends Resource implements ISecurityProfileRef {
  public readonly securityProfileRef: SecurityProfileReference;
  constructor(scope: Construct, id: string, securityProfileArn: string) {
    super(scope, id, { environmentFromArn: securityProfileArn });
    this.securityProfileRef = { securityProfileArn };
  }
}

/** An imported user hierarchy group. */
class ImportedUserHierarchyGroup extends Resource implements IUserHierarchyGroupRef {
  public readonly userHierarchyGroupRef: UserHierarchyGroupReference;
  constructor(scope: Construct, id: string, userHierarchyGroupArn: string) {
    super(scope, id, { environmentFromArn: userHierarchyGroupArn });
    this.userHierarchyGroupRef = { userHierarchyGroupArn };
  }
}

/**
 * Imports of existing Amazon Connect instances.
 */
export class ConnectInstance {
  /**
   * Reference an existing instance by ARN.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param instanceArn `arn:<partition>:connect:<region>:<account>:instance/<instance-id>`
   */
  public static fromInstanceArn(scope: Construct, id: string, instanceArn: string): IConnectInstance {
    return ConnectInstance.fromInstanceAttributes(scope, id, { instanceArn });
  }

  /**
   * Reference an existing instance by its attributes.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param attrs the instance's ARN and, optionally, its identity-management type
   */
  public static fromInstanceAttributes(scope: Construct, id: string, attrs: ConnectInstanceAttributes): IConnectInstance {
    const problems = new Problems();
    checkArn(problems, 'instanceArn', attrs.instanceArn, 'instance');
    checkIdentityTypeValue(problems, 'identityManagementType', attrs.identityManagementType);
    problems.throwIfAny(`ConnectInstance.fromInstanceAttributes('${id}')`);
    const imported = new ImportedInstance(scope, id, attrs.instanceArn, attrs.identityManagementType);
    problems.emitWarnings(imported);
    return imported;
  }

  private constructor() {}
}

/**
 * Imports of existing Amazon Connect routing profiles.
 */
export class RoutingProfile {
  /**
   * Reference an existing routing profile by ARN.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param routingProfileArn `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/routing-profile/<id>`
   */
  public static fromRoutingProfileArn(scope: Construct, id: string, routingProfileArn: string): IRoutingProfileRef {
    const { problems } = checkImportArn(routingProfileArn, 'routing-profile', `RoutingProfile.fromRoutingProfileArn('${id}')`, 'routingProfileArn');
    const imported = new ImportedRoutingProfile(scope, id, routingProfileArn);
    problems.emitWarnings(imported);
    return imported;
  }

  private constructor() {}
}

/**
 * Imports of existing Amazon Connect security profiles.
 */
export class SecurityProfile {
  /**
   * Reference an existing security profile by ARN.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param securityProfileArn `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/security-profile/<id>`
   */
  public static fromSecurityProfileArn(scope: Construct, id: string, securityProfileArn: string): ISecurityProfileRef {
    const { problems } = checkImportArn(securityProfileArn, 'security-profile', `SecurityProfile.fromSecurityProfileArn('${id}')`, 'securityProfileArn');
    const imported = new ImportedSecurityProfile(scope, id, securityProfileArn);
    problems.emitWarnings(imported);
    return imported;
  }

  private constructor() {}
}

/**
 * Imports of existing Amazon Connect user hierarchy groups.
 */
export class UserHierarchyGroup {
  /**
   * Reference an existing hierarchy group by ARN.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param userHierarchyGroupArn `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent-group/<id>`
   */
  public static fromUserHierarchyGroupArn(scope: Construct, id: string, userHierarchyGroupArn: string): IUserHierarchyGroupRef {
    const { problems } = checkImportArn(userHierarchyGroupArn, 'agent-group', `UserHierarchyGroup.fromUserHierarchyGroupArn('${id}')`, 'userHierarchyGroupArn');
    const imported = new ImportedUserHierarchyGroup(scope, id, userHierarchyGroupArn);
    problems.emitWarnings(imported);
    return imported;
  }

  private constructor() {}
}
