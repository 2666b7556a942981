import { RemovalPolicy } from 'aws-cdk-lib';
import { IInstanceRef, IRoutingProfileRef, ISecurityProfileRef, IUserHierarchyGroupRef } from 'aws-cdk-lib/aws-connect';
import { ConnectUserOptions } from './connect-user-props';
import { IdentityManagementType } from './identity';
import { UserPassword } from './password';

/**
 * One agent of a roster: the settings a `ConnectUser` takes ({@link ConnectUserOptions}),
 * with its routing profile, security profiles and hierarchy group given by name;
 * the roster resolves the names through the maps it is given.
 */
export interface RosterUserSpec extends ConnectUserOptions {
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
   * of the shipped schema (the identity and phone settings flat, as the CSV has
   * them; durations in seconds; proficiencies as
   * `{ attributeName, attributeValue, level }`; no passwords), and optionally
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
   * with headroom and keep it: each shard must stay under CloudFormation's quotas
   * per template, 500 resources and 60 dynamic references, and each agent with a
   * generated password brings two resources (its user and its secret) and one
   * dynamic reference. A shard over 500 resources is an error and one over 60
   * dynamic references a warning; both suggest a count.
   *
   * Without it, the roster uses 20 shards whenever all of them fit the quotas
   * (about 9,000 agents, or about 1,000 with generated passwords), so a roster that
   * fits never moves an agent; a roster that does not fit gets the smallest count
   * from the suggestion up that fits, with a warning naming it: set it then, so
   * that growth does not change it.
   *
   * @default - 20 when every shard fits; otherwise the smallest count that fits (with a warning)
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  readonly shardCount?: number;

  /**
   * At most this many agents are created (or updated) at once, across all the
   * roster's shards: DependsOn lanes inside each shard (agents sorted by logical
   * id) and chains of shards in the parent stack. Amazon Connect's API allows 2
   * requests per second with a burst of 5 per account and Region by default, and
   * CloudFormation's handler does not retry Connect's throttling errors. Raise it
   * after raising Connect's API quotas with Service Quotas. Adding or changing the
   * pacing of a deployed roster changes only DependsOn attributes, which updates
   * no user.
   *
   * @default 5
   * @see https://docs.aws.amazon.com/connect/latest/APIReference/best-practices-connect-apis.html
   */
  readonly maxConcurrentCreations?: number;

  /**
   * Removal policy of every agent (and of its generated password's secret).
   *
   * @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE (retained, except when the stack
   * operation that created the agent rolls back); `RemovalPolicy.RETAIN` for an adopted agent
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Tags of every agent.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

