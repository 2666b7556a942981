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
    class Import extends Resource implements IConnectInstance {
      public readonly instanceArn = attrs.instanceArn;
      public readonly identityManagementType = attrs.identityManagementType;
      public get instanceRef(): InstanceReference {
        return { instanceArn: this.instanceArn };
      }
    }
    const imported = new Import(scope, id, { environmentFromArn: attrs.instanceArn });
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
    class Import extends Resource implements IRoutingProfileRef {
      public readonly routingProfileRef: RoutingProfileReference = { routingProfileArn };
    }
    const imported = new Import(scope, id, { environmentFromArn: routingProfileArn });
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
    class Import extends Resource implements ISecurityProfileRef {
      public readonly securityProfileRef: SecurityProfileReference = { securityProfileArn };
    }
    const imported = new Import(scope, id, { environmentFromArn: securityProfileArn });
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
    class Import extends Resource implements IUserHierarchyGroupRef {
      public readonly userHierarchyGroupRef: UserHierarchyGroupReference = { userHierarchyGroupArn };
    }
    const imported = new Import(scope, id, { environmentFromArn: userHierarchyGroupArn });
    problems.emitWarnings(imported);
    return imported;
  }

  private constructor() {}
}
