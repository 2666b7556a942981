import { Duration, NestedStack, RemovalPolicy, Token } from 'aws-cdk-lib';
import { CfnUser, IInstanceRef, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import { Construct, IConstruct } from 'constructs';
import { UserChannelSettings } from './channel-settings';
import { ConnectUser, ConnectUserProps, IConnectUser } from './connect-user';
import { IdentityManagementType } from './identity';
import { UserPassword } from './password';
import { PhoneConfig, PhoneType } from './phone-config';
import { ConnectUserValidationError, Problems, show } from './private/problems';
import { parseRosterCsv } from './private/roster-csv';
import { ParsedDocument, parseRosterDocument } from './private/roster-document';
import { RosterShard } from './private/roster-shard';
import { PhoneFields } from './private/rules/channels';
import { checkDuplicateRows, checkRosterSource, checkShardCount, checkShardLoads, checkSpecPhoneType, resolveName } from './private/rules/roster';
import { checkRosterPropTypes, checkSpecTypes } from './private/rules/types';
import { SharedChecks } from './private/shared-checks';
import { buildUser, checkMutableProps, checkUserProps } from './private/user';
import { UserProficiency } from './proficiency';
import { ConnectInstance, RoutingProfile, SecurityProfile, UserHierarchyGroup } from './references';

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
   * Whether the agent's connection stays open between calls.
   *
   * @default - not sent
   */
  readonly persistentConnection?: boolean;
  /**
   * Per-channel settings (see `ConnectUserProps.channelSettings`). A phone
   * setting above and its per-channel counterpart cannot both be set.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateUserConfig.html
   */
  readonly channelSettings?: UserChannelSettings;
  /**
   * Secondary email address.
   *
   * @default - none
   */
  readonly secondaryEmail?: string;
  /**
   * Mobile number (E.164).
   *
   * @default - none
   */
  readonly mobile?: string;
  /**
   * The agent's identifier in an existing directory (EXISTING_DIRECTORY instances).
   *
   * @default - none
   */
  readonly directoryUserId?: string;
  /**
   * The agent's proficiencies in predefined attributes, used by routing criteria.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/predefined-attributes.html
   */
  readonly proficiencies?: UserProficiency[];
  /**
   * The initial password (see `ConnectUserProps.password`). The bulk-upload
   * CSV's password column is accepted only with the roster's `allowPlaintextPasswords`.
   *
   * @default - the roster's `passwords`
   */
  readonly password?: UserPassword;
  /**
   * Tags of this user, merged with the roster's `tags`.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * The agent exists already and is to be imported, not created (see
   * `ConnectUserProps.adopt`). Either this or the roster's `adopt` adopts it.
   * The agent's shard is then retained in the parent (`DeletionPolicy: Retain`
   * on its stack resource), as `cdk-connect-user import-roster` needs to nest it.
   *
   * @default - the roster's `adopt`
   */
  readonly adopt?: boolean;
  /**
   * With `adopt`, the ARN of the existing user (see `ConnectUserProps.existingUserArn`).
   *
   * @default - looked up by username when the import mapping is made
   */
  readonly existingUserArn?: string;
}

/**
 * Properties of a {@link ConnectUserRoster}.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html
 */
export interface ConnectUserRosterProps {
  /**
   * The instance all the agents belong to.
   *
   * @default - the JSON document's `instanceArn` (required without one)
   */
  readonly instance?: IInstanceRef;

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
   * Beyond the template's columns, these optional columns carry what the
   * template cannot (see the README for examples): `secondary email`, `mobile`,
   * `directory user id`, `proficiencies` (`Attribute:Value:Level` entries
   * separated by `|`, such as `Language:English:5|Skill:Billing:3`), `tags`
   * (`key=value|key=value`), `adopt` (yes/no) and `existing user arn`. Any
   * other column is an error.
   *
   * @default - none (use `users` or `json`)
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html
   */
  readonly csv?: string;

  /**
   * The agents as a JSON roster document: `{ "users": [...] }` with the fields
   * of {@link RosterUserSpec} (durations in seconds, proficiencies as
   * `{ attributeName, attributeValue, level }`, no passwords), and optionally
   * `instanceArn`, `identityManagementType` and name → ARN maps `routingProfiles`,
   * `securityProfiles` and `hierarchyGroups`, from which the roster makes the
   * references itself. The package ships its JSON Schema as
   * `cdk-connect-user/roster.schema.json`; `cdk-connect-user export` writes one
   * from a live instance.
   *
   * @default - none (use `users` or `csv`)
   */
  readonly json?: string;

  /**
   * Routing profiles by the names the rows use. Joined with the JSON document's
   * map; a name in both must give the same ARN.
   *
   * @default - the JSON document's `routingProfiles`
   */
  readonly routingProfiles?: { [name: string]: IRoutingProfileRef };

  /**
   * Security profiles by the names the rows use. Joined with the JSON document's map.
   *
   * @default - the JSON document's `securityProfiles`
   */
  readonly securityProfiles?: { [name: string]: ISecurityProfileRef };

  /**
   * Hierarchy groups by the names the rows use. Joined with the JSON document's map.
   *
   * @default - the JSON document's `hierarchyGroups`; otherwise rows may not name a hierarchy group
   */
  readonly hierarchyGroups?: { [name: string]: IUserHierarchyGroupRef };

  /**
   * The instance's identity-management type, for every agent.
   *
   * @default - the JSON document's, or read from the instance when it tells; otherwise unknown
   */
  readonly identityManagementType?: IdentityManagementType;

  /**
   * The password of every agent that has none of its own.
   * `UserPassword.generate()` gives each agent a generated password in a Secrets
   * Manager secret of its own (one more resource per agent). Any other kind gives
   * every such agent the same initial password.
   *
   * @default - agents without a password of their own have none
   */
  readonly passwords?: UserPassword;

  /**
   * Adopt every agent: they exist already (made in the console, or found by
   * `cdk-connect-user export`) and are to be imported, not created. See
   * `ConnectUserProps.adopt`. The agents are in nested stacks (the shards), which
   * `cdk import` cannot import into: import them with `cdk-connect-user import-roster`.
   * Every shard with an adopted agent is retained in the parent (`DeletionPolicy: Retain`).
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import-nested-stacks.html
   * @default false - each agent's own `adopt`
   */
  readonly adopt?: boolean;

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

/**
 * Many Amazon Connect agents from typed specs, a JSON roster document or a
 * bulk-upload CSV, spread over nested stacks so that no template exceeds
 * CloudFormation's quotas. Each agent takes every setting a `ConnectUser` takes.
 *
 * Every agent is built by the same function as a {@link ConnectUser}, but is a bare
 * `CfnUser` in its shard rather than a `ConnectUser` construct: a construct per
 * agent costs CDK time on every synth (see BENCHMARKS.md). `user(username)`
 * gives an agent as an `IConnectUser` when you need one. Construct ids
 * are the usernames (with `#Agent` after a name every JavaScript object has,
 * such as `constructor` or `toString`) and logical ids are `User<letters and digits of the
 * username><8 hex digits of its FNV-1a hash>`, so reordering or inserting rows
 * changes nothing for other agents. All row errors are reported at once, each
 * row with its number (or index) and all of its problems.
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/user-management.html
 */
export class ConnectUserRoster extends Construct {
  /**
   * The agents' `AWS::Connect::User` resources, by username as given. For an
   * agent's ARN use `cfnUsers[username].attrUserArn`; for grants, `user(username)`.
   */
  // No prototype: `__proto__`, `constructor` and `toString` are usernames Amazon Connect accepts, and
  // a plain object would take the first for its prototype and find the others on Object.prototype.
  public readonly cfnUsers: { [username: string]: CfnUser } = Object.create(null);

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
    const subject = () => `ConnectUserRoster '${this.node.path}'`;
    const badSource = checkRosterSource([props.users, props.csv, props.json].filter(x => x !== undefined).length);
    if (badSource !== undefined) {
      throw new ConnectUserValidationError(`${subject()}: ${badSource}`);
    }

    // Errors of the roster as a whole, then of each row. Row labels ('row 7', 'users[5]') are made only
    // for errors: a roster has thousands of rows.
    const errors: string[] = [];
    const rows: Row[] = [];
    let doc: ParsedDocument | undefined;
    if (props.csv !== undefined) {
      const parsed = parseRosterCsv(props.csv, !!props.allowPlaintextPasswords);
      errors.push(...parsed.errors);
      parsed.rows.forEach((r, index) => rows.push({ spec: r.spec, line: r.line, index, errors: r.errors }));
    } else if (props.json !== undefined) {
      doc = parseRosterDocument(props.json);
      errors.push(...doc.errors);
      for (const u of doc.users) rows.push({ spec: u.spec, index: u.index, errors: [] });
    } else {
      props.users!.forEach((spec, index) => {
        const specTypes = new Problems();
        checkSpecTypes(specTypes, spec);
        rows.push({ spec, index, errors: [...specTypes.found], typeErrors: specTypes.any });
      });
    }
    const shared = this.sharedInputs(props, doc, errors);

    const unique = checkDuplicateRows(rows.filter(r => !r.typeErrors), r => r.spec.username, label, errors);

    const shardCount = props.shardCount ?? DEFAULT_SHARD_COUNT;
    const badCount = checkShardCount(shardCount);
    if (badCount !== undefined) {
      throw new ConnectUserValidationError(`${subject()}: ${badCount}`);
    }
    const load = new Map<number, number>();
    // A row without a username (an empty CSV cell) goes to no shard: it is reported, not built.
    const shardOfRow = unique.map(r => (r.spec.username === undefined ? -1 : shardOf(r.spec.username, shardCount)));
    unique.forEach((r, i) => {
      if (shardOfRow[i] < 0) return;
      // An agent is one resource, and its generated password's secret one more.
      const resources = (r.spec.password ?? props.passwords)?._kind === 'generated' ? 2 : 1;
      load.set(shardOfRow[i], (load.get(shardOfRow[i]) ?? 0) + resources);
    });
    const overLoad = checkShardLoads(load, shardCount, unique.length);
    if (overLoad !== undefined) errors.push(overLoad);

    const context: AddContext = { root: this.node.root, shared: new SharedChecks() };
    for (const r of rows.filter(row => row.typeErrors)) {
      errors.push(`${label(r)}: ${renderRow(r.spec, r.errors)}`);
    }
    unique.forEach((r, i) => {
      const found = shared === undefined ? undefined : this.addUser(r, shardOfRow[i], props, shared, context);
      if (found !== undefined) errors.push(`${label(r)}: ${found}`);
    });
    if (errors.length > 0) {
      throw new ConnectUserValidationError(`${subject()} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map(e => `  - ${e}`).join('\n')}`);
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
    const resource = this.cfnUsers[username];
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

  /**
   * What every agent shares: the instance, its identity type and the name maps,
   * from the props and the JSON document (whose ARNs become imports here).
   * `undefined` when they cannot be had (the errors say why).
   */
  private sharedInputs(props: ConnectUserRosterProps, doc: ParsedDocument | undefined, errors: string[]): SharedInputs | undefined {
    const before = errors.length;
    const type = joinIdentityType(props.identityManagementType, doc?.identityManagementType, errors);
    let instance = props.instance;
    if (doc?.instanceArn !== undefined) {
      checkSameArn('instanceArn', props.instance?.instanceRef.instanceArn, doc.instanceArn, 'the instance prop', errors);
      instance ??= ConnectInstance.fromInstanceAttributes(this, 'Instance', {
        instanceArn: doc.instanceArn,
        identityManagementType: type,
      });
    }
    if (instance === undefined) {
      errors.push(`instance: missing; expected the instance prop${props.json !== undefined ? ', or instanceArn in the JSON document' : ''}`);
    }
    const maps = {
      routingProfiles: joinMap(this, 'routingProfiles', props.routingProfiles, doc?.routingProfiles, errors,
        (s, i, arn) => RoutingProfile.fromRoutingProfileArn(s, i, arn), r => r.routingProfileRef.routingProfileArn),
      securityProfiles: joinMap(this, 'securityProfiles', props.securityProfiles, doc?.securityProfiles, errors,
        (s, i, arn) => SecurityProfile.fromSecurityProfileArn(s, i, arn), r => r.securityProfileRef.securityProfileArn),
      hierarchyGroups: joinMap(this, 'hierarchyGroups', props.hierarchyGroups, doc?.hierarchyGroups, errors,
        (s, i, arn) => UserHierarchyGroup.fromUserHierarchyGroupArn(s, i, arn), r => r.userHierarchyGroupRef.userHierarchyGroupArn),
    };
    return errors.length > before ? undefined : { instance: instance!, identityManagementType: type, ...maps };
  }

  /**
   * Builds one agent, through the same function as a `ConnectUser`. Returns its
   * problems, all of them at once (with the row's own), or nothing when it was made.
   */
  private addUser(row: Row, shard: number, props: ConnectUserRosterProps, shared: SharedInputs, context: AddContext): string | undefined {
    const spec = row.spec;
    const rowErrors = [...row.errors];
    const routingProfile = spec.routingProfile === undefined ? undefined : resolveName(shared.routingProfiles, spec.routingProfile, 'routingProfile', rowErrors);
    const securityProfiles: ISecurityProfileRef[] = [];
    for (const name of spec.securityProfiles ?? []) {
      const found = resolveName(shared.securityProfiles, name, 'securityProfile', rowErrors);
      if (found) securityProfiles.push(found);
    }
    const hierarchyGroup = spec.hierarchyGroup === undefined ? undefined : resolveName(shared.hierarchyGroups, spec.hierarchyGroup, 'hierarchyGroup', rowErrors);
    checkSpecPhoneType(spec.phoneType, rowErrors);
    // Without a username or a routing profile there is no user to check; every other problem is checked.
    if (spec.username === undefined || routingProfile === undefined) {
      return renderRow(spec, rowErrors);
    }

    // A RosterShard renders its template once per synth where a NestedStack renders it twice (see BENCHMARKS.md).
    const stack = this.shards[shard] ?? (this.shards[shard] = new RosterShard(this, `Shard${shard}`));
    const userProps = userPropsOf(spec, props, shared, routingProfile, securityProfiles, hierarchyGroup);
    if (rowErrors.length > 0) {
      // The row has problems already: check the rest, make nothing.
      const checked = checkUserProps(stack, userProps, context.shared);
      return renderRow(spec, [...rowErrors, ...checked.problems.found]);
    }
    // The construct id is the username ('/' cannot be in an id, and the username check has rejected it).
    // But constructs keeps a construct's children in a plain object, where a name of Object.prototype's
    // (`constructor`, `__proto__`, `toString`, …) is taken already: such a username gets `#Agent`
    // ('#' cannot be in a username, so this id never meets an agent's). The logical id is the username's.
    const id = spec.username in Object.prototype ? `${spec.username}#Agent` : spec.username;
    const built = buildUser(stack, id, userProps, {
      shared: context.shared,
      root: context.root,
      // '#' cannot be in a username, so this id never meets an agent's.
      secretId: `${id}#PasswordSecret`,
      logicalId: Token.isUnresolved(spec.username) ? undefined : rosterLogicalId(spec.username),
    });
    if (built.problems.any) return renderRow(spec, built.problems.found);
    this.cfnUsers[spec.username] = built.resource!;
    if (userProps.adopt) {
      // A shard with adopted agents is imported as a stack of its own, then nested into the parent: CloudFormation
      // nests an existing stack whose resource in the parent has DeletionPolicy Retain ("Nesting an existing stack").
      // Retained, deleting the parent never deletes the shard's stack either.
      stack.nestedStackResource?.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    return undefined;
  }

  /** The checks of what can change after construction (tags through `Tags.of()`), once for the whole roster. */
  private validateLate(): string[] {
    const found: string[] = [];
    const shared = new SharedChecks();
    let problems = new Problems();
    for (const username of Object.keys(this.cfnUsers)) {
      const resource = this.cfnUsers[username];
      checkMutableProps(problems, resource, shared);
      if (problems.any) {
        found.push(problems.render(`agent '${username}'`)!);
        problems = new Problems();
      }
    }
    return found;
  }
}

/** A row of the roster: its spec, where it came from, and the problems found in reading it. */
interface Row {
  readonly spec: RosterUserSpec;
  /** The CSV line. */
  readonly line?: number;
  /** The index in `users` (typed specs or the JSON document's). */
  readonly index: number;
  /** Problems of the row's cells or JSON values. */
  readonly errors: readonly string[];
  /** The spec's types are wrong: nothing can read it. */
  readonly typeErrors?: boolean;
}

const label = (r: Row) => r.line !== undefined ? `row ${r.line}` : `users[${r.index}]`;

/** A row's problems, as one entry of the roster's error. */
function renderRow(spec: RosterUserSpec, found: readonly string[]): string {
  const problems = new Problems();
  problems.addFound({ errors: found, warnings: [] });
  const name = typeof spec.username === 'string' ? `agent ${show(spec.username)}` : 'the agent';
  return problems.render(name)!.replace(/\n/g, '\n    ');
}

/** What every agent of one roster shares, resolved. */
interface SharedInputs {
  readonly instance: IInstanceRef;
  readonly identityManagementType?: IdentityManagementType;
  readonly routingProfiles: { [name: string]: IRoutingProfileRef };
  readonly securityProfiles: { [name: string]: ISecurityProfileRef };
  readonly hierarchyGroups: { [name: string]: IUserHierarchyGroupRef };
}

/** What every agent of one roster shares while the roster adds them. */
interface AddContext {
  /** The app, where usernames are claimed. */
  readonly root: IConstruct;
  /** The checks of shared inputs, run once per distinct input. */
  readonly shared: SharedChecks;
}

/** An agent's props, as a `ConnectUser` would take them. */
function userPropsOf(
  spec: RosterUserSpec, props: ConnectUserRosterProps, shared: SharedInputs, routingProfile: IRoutingProfileRef,
  securityProfiles: ISecurityProfileRef[], hierarchyGroup: IUserHierarchyGroupRef | undefined,
): ConnectUserProps {
  const hasIdentity = spec.firstName !== undefined || spec.lastName !== undefined || spec.email !== undefined
    || spec.secondaryEmail !== undefined || spec.mobile !== undefined;
  return {
    instance: shared.instance,
    username: spec.username,
    routingProfile,
    securityProfiles,
    hierarchyGroup,
    phoneConfig: phoneConfigOf(spec),
    channelSettings: spec.channelSettings,
    identityInfo: hasIdentity ? {
      firstName: spec.firstName, lastName: spec.lastName, email: spec.email, secondaryEmail: spec.secondaryEmail, mobile: spec.mobile,
    } : undefined,
    directoryUserId: spec.directoryUserId,
    password: spec.password ?? props.passwords,
    proficiencies: spec.proficiencies,
    identityManagementType: shared.identityManagementType,
    removalPolicy: props.removalPolicy,
    tags: spec.tags ? { ...props.tags, ...spec.tags } : props.tags,
    adopt: spec.adopt ?? props.adopt,
    existingUserArn: spec.existingUserArn,
  };
}

/**
 * An agent's phone settings. The auto-accept and after contact work settings
 * travel in the phone settings, which always name a phone type: soft unless told.
 * Given by their fields, not through `PhoneConfig`'s factories, which throw: the
 * user's checks report a bad number with the row's other problems.
 */
function phoneConfigOf(spec: RosterUserSpec): PhoneConfig | undefined {
  if (spec.phoneType === undefined && spec.autoAccept === undefined && spec.afterContactWorkTimeLimit === undefined
    && spec.persistentConnection === undefined && spec.deskPhoneNumber === undefined) {
    return undefined;
  }
  const fields: PhoneFields = {
    phoneType: spec.phoneType ?? PhoneType.SOFT_PHONE,
    deskPhoneNumber: spec.deskPhoneNumber,
    autoAccept: spec.autoAccept,
    afterContactWorkTimeLimit: spec.afterContactWorkTimeLimit,
    persistentConnection: spec.persistentConnection,
  };
  return fields as PhoneConfig;
}

/** The identity type from the prop and the document: the same when both are given. */
function joinIdentityType(prop: IdentityManagementType | undefined, doc: string | undefined, errors: string[]): IdentityManagementType | undefined {
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
