import { CfnResource, NestedStack, RemovalPolicy } from 'aws-cdk-lib';
import { CfnUser, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import { Construct, IConstruct } from 'constructs';
import { ConnectUser, IConnectUser } from './connect-user';
import { ConnectUserProps } from './connect-user-props';
import { UserPassword } from './password';
import { DEFAULT_MAX_CONCURRENT_CREATIONS, Paced, paceShards } from './private/pacing';
import { ConnectUserValidationError, Problems, show } from './private/problems';
import { parseRosterCsv } from './private/roster/csv';
import { ParsedDocument, parseRosterDocument } from './private/roster/document';
import { SharedInputs, sharedInputs } from './private/roster/inputs';
import { AgentLoad, chooseShardCount, rosterLogicalId, shardLoads, usernameHash } from './private/roster/layout';
import { RosterShard } from './private/roster/shard';
import { RosterWarnings } from './private/roster/warnings';
import { isToken } from './private/rules/common';
import {
  autoShardCountWarning, checkDuplicateRows, checkMaxConcurrentCreations, checkRosterSource, checkShardCount, checkShardLoads, fullestShard,
  resolveName,
} from './private/rules/roster';
import { checkRosterPropTypes } from './private/rules/types';
import { SharedChecks } from './private/shared-checks';
import { passwordDynamicReferences, warnTemplateQuota } from './private/stack-quotas';
import { buildUser, checkMutableProps, checkUserProps } from './private/user/build';
import { checkOptionTypes } from './private/user/types';
import { ConnectUserRosterProps, RosterUserSpec } from './roster-props';

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
  /** The last nested stack of each chain of shards: what a ConnectUserPacing in the same stack waits for. */
  private creationTails: CfnResource[] = [];

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
        checkOptionTypes(specTypes, spec, 'spec');
        rows.push({ spec, index, errors: [...specTypes.found], typeErrors: specTypes.any });
      });
    }
    const shared = sharedInputs(this, props, doc, errors);

    const unique = checkDuplicateRows(rows.filter(r => !r.typeErrors), r => r.spec.username, label, errors);

    // Each agent's load on its shard's template: its user, and with a generated password its secret; a dynamic
    // reference for a password generated or read from a secret.
    const loads = unique.map(r => agentLoad(this, r.spec, props.passwords));
    const agents = loads.filter((l): l is AgentLoad => l !== undefined);
    const quotaWarnings: string[] = [];
    let shardCount: number;
    if (props.shardCount !== undefined) {
      shardCount = props.shardCount;
      const badCount = checkShardCount(shardCount);
      if (badCount !== undefined) throw new ConnectUserValidationError(`${subject()}: ${badCount}`);
      const byShard = shardLoads(agents, shardCount);
      const overLoad = checkShardLoads(byShard, shardCount, agents.length);
      if (overLoad !== undefined) errors.push(overLoad);
      const overDocumented = checkShardLoads(byShard, shardCount, agents.length, 'documented');
      if (overDocumented !== undefined) quotaWarnings.push(overDocumented);
    } else {
      // Without a count: the default whenever it fits, so that no agent of a roster deployable today moves.
      const chosen = chooseShardCount(agents, DEFAULT_SHARD_COUNT);
      shardCount = chosen ?? DEFAULT_SHARD_COUNT;
      const atDefault = fullestShard(shardLoads(agents, DEFAULT_SHARD_COUNT));
      if (chosen === undefined) errors.push(`no shard count fits CloudFormation's quotas per template (at ${DEFAULT_SHARD_COUNT}: ${atDefault})`);
      else if (chosen !== DEFAULT_SHARD_COUNT) quotaWarnings.push(autoShardCountWarning(DEFAULT_SHARD_COUNT, chosen, atDefault!));
    }
    const maxConcurrentCreations = props.maxConcurrentCreations ?? DEFAULT_MAX_CONCURRENT_CREATIONS;
    const badPace = checkMaxConcurrentCreations(maxConcurrentCreations);
    if (badPace !== undefined) throw new ConnectUserValidationError(`${subject()}: ${badPace}`);
    // A row without a username (an empty CSV cell) goes to no shard: it is reported, not built.
    const shardOfRow = loads.map(l => (l === undefined ? -1 : l.hash % shardCount));

    const context: AddContext = { root: this.node.root, shared: new SharedChecks(), warnings: new RosterWarnings(), paced: new Map() };
    for (const r of rows.filter(row => row.typeErrors)) {
      errors.push(`${label(r)}: ${renderRow(r.spec, r.errors)}`);
    }
    unique.forEach((r, i) => {
      const found = shared === undefined ? undefined : this.addUser(r, shardOfRow[i], loads[i], props, shared, context);
      if (found !== undefined) errors.push(`${label(r)}: ${found}`);
    });
    if (errors.length > 0) {
      throw new ConnectUserValidationError(`${subject()} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map(e => `  - ${e}`).join('\n')}`);
    }
    context.warnings.emit(this);
    if (quotaWarnings.length > 0) warnTemplateQuota(this, quotaWarnings.join('; '));
    // Creations paced over the shards: DependsOn lanes inside each, chains of shards in the parent (private/pacing.ts).
    const paced = [...context.paced.keys()].sort((a, b) => a - b).map(n => {
      const shard = this.shards[n] as RosterShard;
      return { resource: shard.nestedStackResource!, users: context.paced.get(n)!, written: shard._writtenDependsOn };
    });
    this.creationTails = paceShards(paced, maxConcurrentCreations);
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
   * The nested stacks whose completion ends the roster's creations (the last of each chain of shards).
   *
   * @internal
   */
  public _creationTails(): CfnResource[] {
    return this.creationTails;
  }

  /**
   * Builds one agent, through the same function as a `ConnectUser`. Returns its
   * problems, all of them at once (with the row's own), or nothing when it was made.
   */
  private addUser(
    row: Row, shard: number, load: AgentLoad | undefined, props: ConnectUserRosterProps, shared: SharedInputs, context: AddContext,
  ): string | undefined {
    const spec = row.spec;
    const rowErrors = [...row.errors];
    const routingProfile = spec.routingProfile === undefined ? undefined : resolveName(shared.routingProfiles, spec.routingProfile, 'routingProfile', rowErrors);
    const securityProfiles: ISecurityProfileRef[] = [];
    for (const name of spec.securityProfiles ?? []) {
      const found = resolveName(shared.securityProfiles, name, 'securityProfile', rowErrors);
      if (found) securityProfiles.push(found);
    }
    const hierarchyGroup = spec.hierarchyGroup === undefined ? undefined : resolveName(shared.hierarchyGroups, spec.hierarchyGroup, 'hierarchyGroup', rowErrors);
    const userProps = userPropsOf(spec, props, shared, routingProfile, securityProfiles, hierarchyGroup);
    if (spec.username === undefined || routingProfile === undefined || rowErrors.length > 0) {
      // The row has problems already (without a username or a routing profile there is no user to make): check
      // the rest, in the roster's stack, whose region and account the shards share, and make nothing.
      const checked = checkUserProps(this, userProps, context.shared, securityProfiles.length < (spec.securityProfiles ?? []).length);
      return renderRow(spec, [...rowErrors, ...checked.problems.found]);
    }

    // A RosterShard renders its template once per synth where a NestedStack renders it twice (see BENCHMARKS.md).
    const stack = (this.shards[shard] ??= new RosterShard(this, `Shard${shard}`)) as RosterShard;
    stack._dynamicReferences += load?.dynamicReferences ?? 0;
    // The construct id is the username ('/' cannot be in an id, and the username check has rejected it).
    // But constructs keeps a construct's children in a plain object, where a name of Object.prototype's
    // (`constructor`, `__proto__`, `toString`, …) is taken already: such a username gets `#Agent`
    // ('#' cannot be in a username, so this id never meets an agent's). The logical id is the username's.
    const id = spec.username in Object.prototype ? `${spec.username}#Agent` : spec.username;
    const logicalId = isToken(spec.username) ? undefined : rosterLogicalId(spec.username);
    const built = buildUser(stack, id, { ...userProps, routingProfile }, {
      shared: context.shared,
      root: context.root,
      warnings: found => context.warnings.add(spec.username, found),
      // '#' cannot be in a username, so this id never meets an agent's.
      secretId: `${id}#PasswordSecret`,
      logicalId,
    });
    if (built.problems.any) return renderRow(spec, built.problems.found);
    this.cfnUsers[spec.username] = built.resource!;
    // An adopted agent is imported, not created: nothing to pace.
    if (!userProps.adopt) {
      let paced = context.paced.get(shard);
      if (paced === undefined) context.paced.set(shard, paced = []);
      paced.push({ key: logicalId ?? built.resource!.node.path, logicalId, resource: built.resource! });
    }
    if (userProps.adopt) {
      // A shard with adopted agents is imported as a stack of its own, then nested into the parent: CloudFormation
      // nests an existing stack whose resource in the parent has DeletionPolicy Retain ("Nesting an existing stack").
      // Retained, deleting the parent never deletes the shard's stack either.
      stack.nestedStackResource?.applyRemovalPolicy(RemovalPolicy.RETAIN);
      // And it holds nothing to create, which the import would refuse: not even the cdk CLI's version reporting.
      stack.withoutVersionReporting();
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
  // A JavaScript caller's spec may be no object at all (its type error says so).
  const name = typeof spec?.username === 'string' ? `agent ${show(spec.username)}` : 'the agent';
  return problems.render(name)!.replace(/\n/g, '\n    ');
}

/** What every agent of one roster shares while the roster adds them. */
interface AddContext {
  /** The app, where usernames are claimed. */
  readonly root: IConstruct;
  /** The checks of shared inputs, run once per distinct input. */
  readonly shared: SharedChecks;
  /** The agents' warnings, added to the roster once per rule when every agent is built. */
  readonly warnings: RosterWarnings;
  /** The agents to create (not adopted), by shard, with their logical ids: their creations are paced. */
  readonly paced: Map<number, Paced[]>;
}

/** What an agent adds to its shard's template, or `undefined` without a username (the row is reported, not built). */
function agentLoad(scope: IConstruct, spec: RosterUserSpec, passwords: UserPassword | undefined): AgentLoad | undefined {
  if (spec.username === undefined) return undefined;
  const password = spec.password ?? passwords;
  const generated = password?._kind === 'generated';
  return { hash: usernameHash(spec.username), resources: generated ? 2 : 1, dynamicReferences: passwordDynamicReferences(scope, password) };
}


/**
 * An agent's props, as a `ConnectUser` would take them: its options, where it belongs, and the roster's defaults
 * (without the routing profile when its name is not known).
 */
function userPropsOf(
  spec: RosterUserSpec, props: ConnectUserRosterProps, shared: SharedInputs, routingProfile: IRoutingProfileRef | undefined,
  securityProfiles: ISecurityProfileRef[], hierarchyGroup: IUserHierarchyGroupRef | undefined,
): Omit<ConnectUserProps, 'routingProfile'> & { readonly routingProfile: IRoutingProfileRef | undefined } {
  return {
    ...spec,
    instance: shared.instance,
    routingProfile,
    securityProfiles,
    hierarchyGroup,
    password: spec.password ?? props.passwords,
    identityManagementType: shared.identityManagementType,
    removalPolicy: props.removalPolicy,
    tags: spec.tags ? { ...props.tags, ...spec.tags } : props.tags,
    adopt: spec.adopt ?? props.adopt,
  };
}
