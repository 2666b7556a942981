import { CustomResource, Duration, Fn, IResource, Resource, Stack } from 'aws-cdk-lib';
import { CfnUser, ISecurityProfileRef, IUserRef, UserReference } from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ConnectUserAttributes, ConnectUserLookupOptions, ConnectUserProps } from './connect-user-props';
import { IdentityManagementType } from './identity';
import { LOOKUP_HANDLER_CODE } from './private/lookup-handler';
import { Problems, withoutLibraryFrames } from './private/problems';
import { checkProficiencies } from './private/rules/proficiencies';
import { checkArn, checkImportArn, checkMember } from './private/rules/references';
import { expectGrantable, expectObject, expectProficiency, expectRef, expectString } from './private/rules/types';
import { checkUsername } from './private/rules/username';
import { checkStackQuotasOnce, DYNAMIC_REFERENCES, passwordDynamicReferences } from './private/stack-quotas';
import { buildUser, checkMutableProps, stackSharedChecks } from './private/user/build';
import { renderProficiency } from './private/user/render';
import { UserProficiency } from './proficiency';

/**
 * An Amazon Connect user (agent), created by this app or imported.
 */
export interface IConnectUser extends IResource, IUserRef {
  /**
   * The ARN of the user: `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<user-id>`.
   *
   * @attribute
   */
  readonly userArn: string;

  /**
   * The identifier of the user: the last segment of its ARN (not the username).
   *
   * @attribute
   */
  readonly userId: string;

  /**
   * The ARN of the Amazon Connect instance the user belongs to.
   *
   * @attribute
   */
  readonly instanceArn: string;

  /**
   * Grants `actions` (such as `connect:DescribeUser`) on this user to `grantee`.
   *
   * @param grantee the principal to grant to (a role, user, group or anything `IGrantable`)
   * @param actions the IAM actions, such as `connect:PutUserStatus`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;

  /**
   * Grants reading this user: `connect:DescribeUser` and `connect:ListUserProficiencies`.
   *
   * @param grantee the principal to grant to (a role, user, group or anything `IGrantable`)
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants changing this user's settings: identity info, phone and per-channel
   * settings, routing profile, security profiles, hierarchy group and proficiencies.
   *
   * Amazon Connect also checks permissions on the resources an update refers to
   * (the new routing profile, security profiles or hierarchy group): grant those
   * separately.
   *
   * @param grantee the principal to grant to (a role, user, group or anything `IGrantable`)
   */
  grantUpdate(grantee: iam.IGrantable): iam.Grant;
}

/**
 * What a created and an imported user share.
 */
abstract class ConnectUserBase extends Resource implements IConnectUser {
  public abstract readonly userArn: string;
  public abstract readonly userId: string;
  public abstract readonly instanceArn: string;

  /**
   * A reference to this user, for aws-cdk-lib constructs that take an `IUserRef`.
   */
  public get userRef(): UserReference {
    return { userArn: this.userArn };
  }

  /**
   * Grants `actions` (such as `connect:DescribeUser`) on this user to `grantee`.
   *
   * @param grantee the principal to grant to (a role, user, group or anything `IGrantable`)
   * @param actions the IAM actions, such as `connect:PutUserStatus`
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    const problems = new Problems();
    expectGrantable(problems, 'grantee', grantee);
    actions.forEach((a, i) => expectString(problems, `actions[${i}]`, a));
    problems.throwIfAny(() => `${this.node.path}: grant()`);
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.userArn] });
  }

  /**
   * Grants reading this user: `connect:DescribeUser` and `connect:ListUserProficiencies`.
   *
   * @param grantee the principal to grant to (a role, user, group or anything `IGrantable`)
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...READ_ACTIONS);
  }

  /**
   * Grants changing this user's settings: identity info, phone and per-channel
   * settings, routing profile, security profiles, hierarchy group and proficiencies.
   *
   * Amazon Connect also checks permissions on the resources an update refers to
   * (the new routing profile, security profiles or hierarchy group): grant those
   * separately.
   *
   * @param grantee the principal to grant to (a role, user, group or anything `IGrantable`)
   */
  public grantUpdate(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, ...UPDATE_ACTIONS);
  }
}

// Source: Service Authorization Reference for Amazon Connect (actions on the agent resource type).
const READ_ACTIONS = ['connect:DescribeUser', 'connect:ListUserProficiencies'];
const UPDATE_ACTIONS = [
  'connect:UpdateUserIdentityInfo', 'connect:UpdateUserPhoneConfig', 'connect:UpdateUserConfig',
  'connect:UpdateUserRoutingProfile', 'connect:UpdateUserSecurityProfiles', 'connect:UpdateUserHierarchy',
  'connect:AssociateUserProficiencies', 'connect:DisassociateUserProficiencies', 'connect:UpdateUserProficiencies',
];

const CONNECT_USER_SYMBOL = Symbol.for('cdk-connect-user.ConnectUser');

/**
 * An Amazon Connect user (agent): `AWS::Connect::User` with typed references,
 * phone settings and proficiencies, a password that never lands in the
 * template, and synth-time checks of everything CloudFormation or Amazon
 * Connect would reject at deploy time.
 *
 * The user is kept when it leaves the stack (`RemovalPolicy.RETAIN`) unless
 * told otherwise.
 *
 * @resource AWS::Connect::User
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-connect-user.html
 */
export class ConnectUser extends ConnectUserBase {
  /**
   * Reference an existing user by ARN. Creates no resource.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param userArn `arn:<partition>:connect:<region>:<account>:instance/<instance-id>/agent/<user-id>`
   */
  public static fromUserArn(scope: Construct, id: string, userArn: string): IConnectUser {
    return ConnectUser.fromUserAttributes(scope, id, { userArn });
  }

  /**
   * Reference an existing user by its attributes. Creates no resource.
   *
   * @param scope the construct scope of the import
   * @param id the construct id of the import, unique within `scope`
   * @param attrs the user's ARN
   */
  public static fromUserAttributes(scope: Construct, id: string, attrs: ConnectUserAttributes): IConnectUser {
    const typed = new Problems();
    if (expectObject(typed, 'attrs', attrs, false)) expectString(typed, 'userArn', attrs.userArn);
    typed.throwIfAny(`ConnectUser.fromUserAttributes('${id}')`);
    const userArn = attrs.userArn;
    const { parts, problems } = checkImportArn(userArn, 'agent', `ConnectUser.fromUserAttributes('${id}')`, 'userArn');
    class Import extends ConnectUserBase {
      public readonly userArn = userArn;
      public readonly userId = parts ? parts.resourceId : Fn.select(3, Fn.split('/', userArn));
      public readonly instanceArn = parts
        ? parts.instanceArn
        : Fn.join('/', [Fn.select(0, Fn.split('/', userArn)), Fn.select(1, Fn.split('/', userArn))]);
    }
    const imported = new Import(scope, id, { environmentFromArn: userArn });
    problems.emitWarnings(imported);
    return imported;
  }

  /**
   * Reference an existing user by username. The user's ARN is looked up at deploy
   * time with the Amazon Connect `SearchUsers` API (exact username match), by a
   * small Lambda-backed custom resource (one Lambda per stack) whose role may only
   * search and describe users of that instance. The deployment fails with a
   * clear message when no user, or more than one, has the username.
   *
   * The lookup runs when the custom resource is created or its properties change;
   * it does not follow a user that is later deleted or renamed.
   *
   * @param scope the construct scope of the lookup
   * @param id the construct id of the lookup, unique within `scope`
   * @param options the instance and the username to look up
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchUsers.html
   */
  public static fromUsername(scope: Construct, id: string, options: ConnectUserLookupOptions): IConnectUser {
    const typed = new Problems();
    if (expectObject(typed, 'options', options, false)) {
      expectRef(typed, 'instance', options.instance, 'instanceRef', 'instanceArn');
      expectString(typed, 'username', options.username);
    }
    typed.throwIfAny(`ConnectUser.fromUsername('${id}')`);
    const instanceArn = options.instance.instanceRef.instanceArn;
    const problems = new Problems();
    checkArn(problems, 'instance', instanceArn, 'instance');
    checkUsername(problems, options.username);
    problems.throwIfAny(`ConnectUser.fromUsername('${id}')`);

    const handler = new lambda.SingletonFunction(scope, `${id}Handler`, {
      uuid: 'cdk-connect-user-lookup-3f1c9d2e',
      lambdaPurpose: 'ConnectUserLookup',
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(LOOKUP_HANDLER_CODE),
      timeout: Duration.minutes(1),
      description: 'Looks up Amazon Connect users by username for ConnectUser.fromUsername()',
    });
    // Source: Service Authorization Reference: connect:SearchUsers depends on connect:DescribeUser and
    // connect:ListUserProficiencies; scoped to the instance and its users.
    handler.addToRolePolicy(new iam.PolicyStatement({
      actions: ['connect:SearchUsers', 'connect:DescribeUser', 'connect:ListUserProficiencies'],
      resources: [instanceArn, `${instanceArn}/agent/*`],
    }));

    class Lookup extends ConnectUserBase {
      public readonly userArn: string;
      public readonly userId: string;
      public readonly instanceArn = instanceArn;
      constructor() {
        super(scope, id);
        const resource = new CustomResource(this, 'Resource', {
          serviceToken: handler.functionArn,
          resourceType: 'Custom::ConnectUserLookup',
          properties: { InstanceArn: instanceArn, Username: options.username },
        });
        resource.node.addDependency(handler);
        this.userArn = resource.getAttString('UserArn');
        this.userId = resource.getAttString('UserId');
      }
    }
    const lookup = new Lookup();
    problems.emitWarnings(lookup);
    return lookup;
  }

  static {
    // On the prototype rather than on each of thousands of instances.
    Object.defineProperty(ConnectUser.prototype, CONNECT_USER_SYMBOL, { value: true });
  }

  /**
   * Whether `x` is a `ConnectUser` (works across copies of this library).
   *
   * @param x any value
   */
  public static isConnectUser(x: any): x is ConnectUser {
    return x !== null && typeof x === 'object' && CONNECT_USER_SYMBOL in x;
  }

  /**
   * The ARN of the user.
   *
   * @attribute
   */
  public get userArn(): string {
    // A getter: the L1 makes its attribute token on first use, and most users of a roster never need it.
    return this.resource.attrUserArn;
  }

  /**
   * The identifier of the user (the last segment of its ARN).
   *
   * @attribute
   */
  public get userId(): string {
    return Fn.select(3, Fn.split('/', this.userArn));
  }

  /**
   * The ARN of the instance the user belongs to.
   *
   * @attribute
   */
  public readonly instanceArn: string;

  /** The user's sign-in name. */
  public readonly username: string;

  /**
   * The identity-management type the user was checked against.
   *
   * @default - unknown
   */
  public readonly identityManagementType?: IdentityManagementType;

  /** Whether the user is adopted (imported into the stack) rather than created. */
  public readonly adopted: boolean;

  /**
   * The secret holding the generated initial password (JSON keys `username` and
   * `password`), when the password is `UserPassword.generate()`.
   *
   * @default - none
   */
  public readonly passwordSecret?: secretsmanager.ISecret;

  private readonly resource: CfnUser;
  /** Where the user's code made this user: a captured stack, formatted only if a synth-time check fails. */
  private readonly creation: { stack?: string } = {};
  private readonly instanceKey: string | undefined;
  private proficiencyList?: UserProficiency[];

  /**
   * @param scope the parent construct
   * @param id the construct id (the logical id of the `CfnUser` derives from it)
   * @param props the user's properties
   */
  constructor(scope: Construct, id: string, props: ConnectUserProps) {
    super(scope, id);
    // The frames of the code that called `new ConnectUser()` (not this constructor's): the caller's and one more, the
    // first of them outside this library being what a late error names. V8 formats the text only when it is read.
    // Capturing at all (V8's default 10 frames) cost some 8 µs a user in warm builds of 3,000 (scripts/bench-warm.ts,
    // 2026-12-03); fewer frames cost less, by an amount within that script's noise.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 2;
    try {
      Error.captureStackTrace(this.creation, ConnectUser);
    } finally {
      Error.stackTraceLimit = limit;
    }

    const built = buildUser(this, 'Resource', props, {
      owner: this, secretId: 'PasswordSecret', shared: stackSharedChecks(Stack.of(this)), checkTypes: true,
    });
    built.problems.throwIfAny(() => `ConnectUser '${this.node.path}'`);
    this.resource = built.resource!;
    this.passwordSecret = built.passwordSecret;
    this.username = props.username;
    this.adopted = props.adopt ?? false;
    this.instanceArn = built.checked.instanceArn;
    this.instanceKey = built.checked.instanceKey;
    this.identityManagementType = built.checked.identityManagementType;
    if (props.proficiencies?.length) {
      this.proficiencyList = [...props.proficiencies];
    }

    addLateValidation(this);
    // The stack's template against CloudFormation's quotas, once per stack; this user's password counts.
    const refs = passwordDynamicReferences(this, props.password);
    if (refs > 0) Object.defineProperty(this, DYNAMIC_REFERENCES, { value: refs });
    checkStackQuotasOnce(Stack.of(this));
  }

  /**
   * Adds a security profile to the user (at most 10 in all).
   *
   * @param securityProfile a `CfnSecurityProfile`, an import from `SecurityProfile.fromSecurityProfileArn()`, or any other `ISecurityProfileRef`
   */
  public addSecurityProfile(securityProfile: ISecurityProfileRef): void {
    const typed = new Problems();
    expectRef(typed, 'securityProfile', securityProfile, 'securityProfileRef', 'securityProfileArn');
    typed.throwIfAny(() => `ConnectUser '${this.node.path}': addSecurityProfile()`);
    const arn = securityProfile.securityProfileRef.securityProfileArn;
    const problems = new Problems();
    checkMember(problems, this.instanceKey, 'addSecurityProfile()', arn, 'security-profile');
    problems.throwIfAny(() => `ConnectUser '${this.node.path}'`);
    problems.emitWarnings(this);
    this.resource.securityProfileArns = [...this.resource.securityProfileArns, arn];
  }

  /**
   * Adds a proficiency to the user.
   *
   * @param proficiency a predefined attribute's value and the agent's level in it, from `UserProficiency.of()`
   */
  public addProficiency(proficiency: UserProficiency): void {
    const typed = new Problems();
    expectProficiency(typed, 'proficiency', proficiency);
    typed.throwIfAny(() => `ConnectUser '${this.node.path}': addProficiency()`);
    (this.proficiencyList ??= []).push(proficiency);
    this.resource.userProficiencies = this.renderProficiencies();
  }

  private renderProficiencies(): CfnUser.UserProficiencyProperty[] | undefined {
    return this.proficiencyList?.map(renderProficiency);
  }

  /**
   * Checks of what can change after construction: collections and tags.
   *
   * @internal
   */
  public _validateLate(): string[] {
    const problems = new Problems();
    checkMutableProps(problems, this.resource, stackSharedChecks(Stack.of(this)));
    checkProficiencies(problems, this.proficiencyList ?? []);
    problems.emitWarnings(this);
    if (!problems.any) return [];
    // Worded as the construction-time error, which CDK prefixes with the construct path, and naming where in the
    // user's code the ConnectUser was made: at synth, CDK's own trace holds none of it. Read only here: formatting
    // the captured stack (with source maps, under ts-node or tsx) costs some 50 µs a user.
    const where = creationSite(this.creation);
    return [problems.render(`ConnectUser '${this.node.path}'${where === undefined ? '' : ` (created at ${where})`}`)!];
  }
}

/**
 * Registers the synth-time checks of a user. A function of its own so that the
 * closure holds only the user, not the constructor's locals (thousands of users).
 */
function addLateValidation(user: ConnectUser): void {
  user.node.addValidation({ validate: () => user._validateLate() });
}

/** The file, line and column of the first frame of a captured stack outside this library, if any. */
function creationSite(creation: { stack?: string }): string | undefined {
  const frame = withoutLibraryFrames(creation.stack ?? '').split('\n').find(l => /^\s+at /.test(l));
  return frame === undefined ? undefined : /\((.*)\)$/.exec(frame.trim())?.[1] ?? frame.trim().replace(/^at /, '');
}
