import { CfnResource, Duration, NestedStack, RemovalPolicy, SecretValue, Token } from 'aws-cdk-lib';
import { CfnUser, IInstanceRef, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { ConnectUser, ConnectUserProps, IConnectUser } from '../lib/connect-user';
import { IdentityManagementType } from '../lib/identity';
import { PhoneConfig, PhoneType } from '../lib/phone-config';
import { ConnectUserValidationError, Problems, show } from '../lib/private/problems';
import { parseRosterCsv } from '../lib/private/roster-csv';
import { RosterShard } from '../lib/private/roster-shard';
import { checkDuplicateRows, checkRosterSource, checkShardCount, checkShardLoads, checkSpecPhoneType, resolveName } from '../lib/private/rules/roster';
import { checkRosterPropTypes, checkSpecTypes } from '../lib/private/rules/types';
import { SharedChecks } from '../lib/private/shared-checks';
import { checkMutableProps, checkUserProps, claimUniqueUsername, createPasswordSecret, renderUserProps, userRemovalPolicy, warnPlaintextPassword } from '../lib/private/user';

/**
 * One agent of a roster. Profiles and the hierarchy group are named; the
 * roster resolves the names through the maps it is given.
 */
export interface RosterUserSpec {
  /** The sign-in name. */
  readonly username: string;
  /** The name of the routing profile, a key of the roster's `routingProfiles`. */
  readonly routingProfile: string;
  /** Names of the security profiles, keys of the roster's `securityProfiles`. */
  readonly securityProfiles: string[];
  /**
   * The name of the hierarchy group, a key of the roster's `hierarchyGroups`.
   *
   * @default - none
   */
  readonly hierarchyGroup?: string;
  /**
   * First name.
   *
   * @default - none
   */
  readonly firstName?: string;
  /**
   * Last name.
   *
   * @default - none
   */
  readonly lastName?: string;
  /**
   * Email address.
   *
   * @default - none
   */
  readonly email?: string;
  /**
   * Soft or desk phone.
   *
   * @default - a soft phone when `autoAccept` or `afterContactWorkTimeLimit` is set (they travel in
   * the phone settings, which always name a phone type); otherwise no phone settings are sent
   */
  readonly phoneType?: PhoneType;
  /**
   * The desk phone number (E.164), for `PhoneType.DESK_PHONE`.
   *
   * @default - none
   */
  readonly deskPhoneNumber?: string;
  /**
   * Whether calls are connected automatically.
   *
   * @default - not sent
   */
  readonly autoAccept?: boolean;
  /**
   * After Contact Work time limit.
   *
   * @default - not sent
   */
  readonly afterContactWorkTimeLimit?: Duration;
  /**
   * The initial password. The bulk-upload CSV's password column is accepted only
   * with the roster's `allowPlaintextPasswords`.
   *
   * @default - none, or a generated one with the roster's `generatePasswords`
   */
  readonly password?: SecretValue;
  /**
   * Tags of this user, merged with the roster's `tags`.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a {@link ConnectUserRoster}.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html
 */
export interface ConnectUserRosterProps {
  /** The instance all the agents belong to. */
  readonly instance: IInstanceRef;

  /**
   * The agents, as typed specs.
   *
   * @default - none (use `csv`)
   */
  readonly users?: RosterUserSpec[];

  /**
   * The agents, as CSV text in the column layout of Amazon Connect's bulk user
   * upload template: `first name, last name, email address, password, user login,
   * routing profile name, security_profile_name_1|security_profile_name_2,
   * phone type (soft/desk), phone number, soft phone auto accept (yes/no),
   * ACW timeout (seconds)`, plus an optional `user hierarchy` column. Columns are
   * matched by header, so their order and the SAML variant (without email and
   * password) work too. Security profiles may also come in numbered columns
   * (`security_profile_name_1`, `security_profile_name_2`, …): every non-empty
   * cell adds its profiles. Two columns for any other field are an error.
   *
   * @default - none (use `users`)
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html
   */
  readonly csv?: string;

  /** Routing profiles by the names the rows use. */
  readonly routingProfiles: { [name: string]: IRoutingProfileRef };

  /** Security profiles by the names the rows use. */
  readonly securityProfiles: { [name: string]: ISecurityProfileRef };

  /**
   * Hierarchy groups by the names the rows use.
   *
   * @default - rows may not name a hierarchy group
   */
  readonly hierarchyGroups?: { [name: string]: IUserHierarchyGroupRef };

  /**
   * The instance's identity-management type, for every agent.
   *
   * @default - read from the instance when it tells; otherwise unknown
   */
  readonly identityManagementType?: IdentityManagementType;

  /**
   * Give every agent a generated password in its own Secrets Manager secret
   * (see `ConnectUserProps.generatePassword`). Each secret is one more resource.
   *
   * @default false
   */
  readonly generatePasswords?: boolean;

  /**
   * Accept the CSV's plaintext password column (each such user gets a synth warning).
   *
   * @default false - a non-empty password cell is an error
   */
  readonly allowPlaintextPasswords?: boolean;

  /**
   * The number of nested stacks the agents are spread over. Agents go to a shard
   * by a hash of their lower-case username, so adding or removing agents moves no
   * one else; changing this number moves agents between nested stacks, which
   * CloudFormation performs as a create and a delete (the create fails on the
   * existing username) unless the move is made with stack refactoring. Choose it
   * with headroom and keep it: each shard must stay under CloudFormation's 500
   * resources per template, counting a generated password's secret as one more
   * resource per agent. When a shard would pass 500, the error suggests a count.
   * The default does not depend on the roster's size, so it never moves an agent;
   * it holds about 9,000 agents (4,500 with generated passwords).
   *
   * @default 20
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  readonly shardCount?: number;

  /**
   * Removal policy of every agent.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Tags of every agent.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** The shard count when none is given: fixed, so that a growing roster never moves an agent. */
const DEFAULT_SHARD_COUNT = 20;

/** Bench prototype switches, set by scripts/bench-run.ts before it builds the roster. */
export const PROTO = { memo: true, compact: false };

// BENCH PROTOTYPE: a copy of src/roster.ts (imports from lib/) whose shards are RosterShards
// (src/private/roster-shard.ts); the only changes are the imports and the shard's construction.

/**
 * Many Amazon Connect agents from typed specs or a bulk-upload CSV, spread over
 * nested stacks so that no template exceeds CloudFormation's quotas.
 *
 * Every agent goes through all of a {@link ConnectUser}'s checks, but is a bare
 * `CfnUser` in its shard rather than a `ConnectUser` construct: a construct per
 * agent costs CDK time on every synth (see BENCHMARKS.md). `user(username)`
 * gives an agent as an `IConnectUser` when you need one. Construct ids
 * are the usernames (with `#Agent` after a name every JavaScript object has,
 * such as `constructor` or `toString`) and logical ids are `User<letters and digits of the
 * username><8 hex digits of its FNV-1a hash>`, so reordering or inserting rows
 * changes nothing for other agents. All row errors are reported at once, each
 * with its row number.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html
 */
export class ConnectUserRoster extends Construct {
  /**
   * The agents' `AWS::Connect::User` resources, by username as given. For an
   * agent's ARN use `users[username].attrUserArn`; for grants, `user(username)`.
   */
  // No prototype: `__proto__`, `constructor` and `toString` are usernames Amazon Connect accepts, and
  // a plain object would take the first for its prototype and find the others on Object.prototype.
  public readonly users: { [username: string]: CfnUser } = Object.create(null);

  /** The nested stacks holding the agents, by shard number. */
  public readonly shards: { [shard: string]: NestedStack } = {};

  private readonly views = new Map<string, IConnectUser>();

  /**
   * @param scope the parent construct (a stack; the shards are nested stacks under it)
   * @param id the construct id
   * @param props the agents and the maps their names resolve through
   */
  constructor(scope: Construct, id: string, props: ConnectUserRosterProps) {
    super(scope, id);
    const typed = new Problems();
    checkRosterPropTypes(typed, props);
    typed.throwIfAny(() => `ConnectUserRoster '${this.node.path}'`);
    const errors: string[] = [];
    // Row labels ('row 7', 'users[5]') are made only for errors: a roster has thousands of rows.
    const rows: Array<{ spec: RosterUserSpec; line?: number; index: number }> = [];
    const label = (r: { line?: number; index: number }) => r.line !== undefined ? `row ${r.line}` : `users[${r.index}]`;

    const badSource = checkRosterSource(props.users !== undefined, props.csv !== undefined);
    if (badSource !== undefined) {
      throw new ConnectUserValidationError(`ConnectUserRoster '${this.node.path}': ${badSource}`);
    }
    if (props.csv !== undefined) {
      const parsed = parseRosterCsv(props.csv, !!props.allowPlaintextPasswords);
      errors.push(...parsed.errors);
      parsed.rows.forEach((r, index) => rows.push({ spec: r.spec, line: r.line, index }));
    } else {
      props.users!.forEach((spec, index) => {
        const specTypes = new Problems();
        checkSpecTypes(specTypes, spec);
        if (specTypes.any) errors.push(`users[${index}]: ${specTypes.found.join('; ')}`);
        else rows.push({ spec, index });
      });
    }

    const unique = checkDuplicateRows(rows, r => r.spec.username, label, errors);

    const shardCount = props.shardCount ?? DEFAULT_SHARD_COUNT;
    const badCount = checkShardCount(shardCount);
    if (badCount !== undefined) {
      throw new ConnectUserValidationError(`ConnectUserRoster '${this.node.path}': ${badCount}`);
    }
    const perUser = props.generatePasswords ? 2 : 1;
    const load = new Map<number, number>();
    const shardOfRow = unique.map(r => shardOf(r.spec.username, shardCount));
    for (const shard of shardOfRow) {
      load.set(shard, (load.get(shard) ?? 0) + perUser);
    }
    const overLoad = checkShardLoads(load, shardCount, perUser);
    if (overLoad !== undefined) errors.push(overLoad);

    const context: AddContext = { root: this.node.root, shared: new SharedChecks() };
    unique.forEach((r, i) => {
      try {
        this.addUser(r.spec, shardOfRow[i], props, context);
      } catch (e) {
        if (!(e instanceof ConnectUserValidationError)) throw e;
        errors.push(`${label(r)}: ${(e as Error).message.replace(/\n/g, '\n    ')}`);
      }
    });
    if (errors.length > 0) {
      throw new ConnectUserValidationError(`ConnectUserRoster '${this.node.path}' has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map(e => `  - ${e}`).join('\n')}`);
    }
    // Tags.of() can still change the agents' tags: one validation for the whole roster, not one per agent.
    this.node.addValidation({ validate: () => this.validateLate() });
  }

  /**
   * The agent with this username as an {@link IConnectUser}, for grants and
   * attributes. Made on first call (an import of the agent's ARN in its shard)
   * and the same object on later calls: the roster itself makes no construct
   * per agent beyond its `CfnUser`.
   *
   * @param username the username as given in the roster
   */
  public user(username: string): IConnectUser {
    const resource = this.users[username];
    if (resource === undefined) {
      throw new ConnectUserValidationError(`ConnectUserRoster '${this.node.path}': no agent has the username ${show(username)}; expected one of the roster's usernames`);
    }
    let view = this.views.get(username);
    if (view === undefined) {
      view = ConnectUser.fromUserAttributes(resource.stack, `${resource.node.id}#User`, { userArn: resource.attrUserArn });
      this.views.set(username, view);
    }
    return view;
  }

  private addUser(spec: RosterUserSpec, shard: number, props: ConnectUserRosterProps, context: AddContext): void {
    const missing: string[] = [];
    const routingProfile = resolveName(props.routingProfiles, spec.routingProfile, 'routingProfile', missing);
    const securityProfiles: ISecurityProfileRef[] = [];
    for (const name of spec.securityProfiles) {
      securityProfiles.push(resolveName(props.securityProfiles, name, 'securityProfile', missing)!);
    }
    const hierarchyGroup = spec.hierarchyGroup === undefined ? undefined : resolveName(props.hierarchyGroups, spec.hierarchyGroup, 'hierarchyGroup', missing);
    checkSpecPhoneType(spec.phoneType, missing);
    if (missing.length > 0) {
      throw new ConnectUserValidationError(missing.join('; '));
    }

    const stack = this.shards[shard] ?? (this.shards[shard] = (PROTO.memo
      ? new RosterShard(this, `Shard${shard}`, { suppressTemplateIndentation: PROTO.compact })
      : new NestedStack(this, `Shard${shard}`, { suppressTemplateIndentation: PROTO.compact })));
    const hasIdentity = spec.firstName !== undefined || spec.lastName !== undefined || spec.email !== undefined;
    const userProps: ConnectUserProps = {
      instance: props.instance,
      username: spec.username,
      routingProfile: routingProfile!,
      securityProfiles,
      hierarchyGroup,
      phoneConfig: phoneConfigOf(spec),
      identityInfo: hasIdentity ? { firstName: spec.firstName, lastName: spec.lastName, email: spec.email } : undefined,
      password: spec.password,
      generatePassword: props.generatePasswords,
      identityManagementType: props.identityManagementType,
      removalPolicy: props.removalPolicy,
      tags: spec.tags ? { ...props.tags, ...spec.tags } : props.tags,
    };

    // The same checks as a ConnectUser's, without a ConnectUser construct per agent (see BENCHMARKS.md);
    // the checks of what all agents share (instance, profiles, group) run once per distinct value.
    const checked = checkUserProps(stack, userProps, context.shared);
    checked.problems.throwIfAny(() => `agent '${spec.username}'`);

    // The construct id is the username ('/' cannot be in an id, and the username check has rejected it).
    // But constructs keeps a construct's children in a plain object, where a name of Object.prototype's
    // (`constructor`, `__proto__`, `toString`, …) is taken already: such a username gets `#Agent`
    // ('#' cannot be in a username, so this id never meets an agent's). The logical id is the username's.
    const id = spec.username in Object.prototype ? `${spec.username}#Agent` : spec.username;
    const removalPolicy = userRemovalPolicy(userProps);
    let password = spec.password;
    let secret: secretsmanager.Secret | undefined;
    if (props.generatePasswords) {
      // '#' cannot be in a username, so this id never meets an agent's.
      secret = createPasswordSecret(stack, `${id}#PasswordSecret`, userProps, removalPolicy);
      password = secret.secretValueFromJson('password');
    }
    const resource = new CfnUser(stack, id, renderUserProps(userProps, checked.instanceArn, password, undefined));
    resource.applyRemovalPolicy(removalPolicy);
    if (!Token.isUnresolved(spec.username)) {
      const logicalId = rosterLogicalId(spec.username);
      resource.overrideLogicalId(logicalId);
      // Lower-case letters cannot end an agent's logical id (8 upper-case hex digits), so this never meets one.
      (secret?.node.defaultChild as CfnResource | undefined)?.overrideLogicalId(`${logicalId}Password`);
    }
    claimUniqueUsername(checked.problems, resource, checked, spec.username, context.root);
    checked.problems.throwIfAny(() => `agent '${spec.username}'`);
    checked.problems.emitWarnings(resource);
    if (checked.plaintextPassword) {
      warnPlaintextPassword(resource);
    }
    this.users[spec.username] = resource;
  }

  /** The checks of what can change after construction (tags through `Tags.of()`), once for the whole roster. */
  private validateLate(): string[] {
    const found: string[] = [];
    const shared = new SharedChecks();
    let problems = new Problems();
    for (const username of Object.keys(this.users)) {
      const resource = this.users[username];
      checkMutableProps(problems, resource, shared);
      if (problems.any) {
        found.push(problems.render(`agent '${username}'`)!);
        problems = new Problems();
      }
    }
    return found;
  }
}

/** What every agent of one roster shares while the roster adds them. */
interface AddContext {
  /** The app, where usernames are claimed. */
  readonly root: IConstruct;
  /** The checks of shared inputs, run once per distinct input. */
  readonly shared: SharedChecks;
}

/**
 * An agent's phone settings. The auto-accept and after contact work settings
 * travel in the phone settings, which always name a phone type: soft unless told.
 */
function phoneConfigOf(spec: RosterUserSpec): PhoneConfig | undefined {
  if (spec.phoneType === undefined && spec.autoAccept === undefined && spec.afterContactWorkTimeLimit === undefined) {
    return undefined;
  }
  const options = { autoAccept: spec.autoAccept, afterContactWorkTimeLimit: spec.afterContactWorkTimeLimit };
  return spec.phoneType === PhoneType.DESK_PHONE
    ? PhoneConfig.deskPhone(spec.deskPhoneNumber ?? '', options)
    : PhoneConfig.softPhone(options);
}

/**
 * The logical id of a roster agent: `User`, the username's letters and digits,
 * and 8 hex digits of an FNV-1a hash of the exact username (so `a.b` and `ab` differ).
 * It depends on the username alone: not on the row, the construct path or the
 * roster's id. Set once, it also spares CDK from deriving a hashed id from the
 * construct path every time the template is resolved.
 */
function rosterLogicalId(username: string): string {
  const digest = fnv1a(username).toString(16).toUpperCase().padStart(8, '0');
  return `User${username.replace(/[^A-Za-z0-9]/g, '')}${digest}`;
}

/** The shard of a username: FNV-1a (32-bit) of its lower-case form, modulo the shard count. */
function shardOf(username: string, shardCount: number): number {
  return fnv1a(username.toLowerCase()) % shardCount;
}

/**
 * FNV-1a, 32 bits, of a string's UTF-16 code units. Plain arithmetic: a crypto
 * hash per agent costs a native object each, which thousands of agents feel.
 */
function fnv1a(s: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    /* eslint-disable no-bitwise -- a hash function is bit arithmetic */
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
    /* eslint-enable no-bitwise */
  }
  return hash;
}
