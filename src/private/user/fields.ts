/**
 * The one declaration of an agent's settings. Each row says, for one setting:
 * where it is in the props (`ConnectUserOptions` / `ConnectUserProps`), in the
 * CloudFormation template, in the roster's CSV and JSON document, and in what
 * the Amazon Connect API returns (DescribeUser's `User`); how drift compares it;
 * and what a change does on the next deploy, with the evidence.
 *
 * The type checks, the renderer, the CSV reader and writer, the JSON document's
 * reader and shape (roster.schema.json is checked against it), export, drift and
 * plan all read these rows. test/fields.test.ts fails when a prop of the options
 * or a property of the AWS::Connect::User registry schema has no row (or no
 * written exclusion). Adding a simple setting (a string, a boolean, seconds) is
 * a row here and a member of the public type.
 */
import type { EvidenceId } from './evidence';

/** A value of one shape, converted the same way everywhere. */
export type ScalarKind = 'string' | 'boolean' | 'seconds' | 'phoneType' | 'voiceEnhancementMode';

/**
 * Every kind of setting: scalars, and the settings that each consumer handles
 * in its own way (references by name or ARN, lists, maps, the password).
 */
export type Kind = ScalarKind | 'instance' | 'reference' | 'references' | 'password' | 'proficiencies' | 'tags';

/** A shape that has no place for the setting, and why. */
export interface Absent {
  readonly none: string;
}

/** How the CSV carries a setting. */
export interface CsvColumn {
  /** The headers read as this setting (matched lower-cased, spaces folded); the first is the one export writes. */
  readonly headers: readonly string[];
  /** How errors name the cell. @default the first header */
  readonly name?: string;
  /** Also every header that starts with one of these (matched as `headers` are): numbered columns. */
  readonly prefixes?: readonly string[];
}

/** How `import-mapping --check-drift` compares the template's value with the live one. */
export type Drift =
  /** Equal values (a property the template leaves out is never compared: CloudFormation never sends it). */
  | 'exact'
  /** The template's ARN against the live id. */
  | 'reference'
  /** The template's ARNs against the live ids, as sets. */
  | 'set'
  /** Proficiencies, by attribute name and value. */
  | 'keyed'
  /** The template's tags, and live tags the template does not declare (but `aws:` ones). */
  | 'tags'
  | Absent;

/**
 * What a change of the setting does on the next `cdk deploy` (plan's verdict), with
 * the evidence (ids of ./evidence.ts; plan prints each beside the verdict).
 */
export type Change =
  /** Updated in place by the call the evidence shows. */
  | { readonly verdict: 'updates'; readonly evidence: readonly EvidenceId[] }
  /** The update handler refuses any new non-empty value. */
  | { readonly verdict: 'fails'; readonly instead: string; readonly evidence: readonly EvidenceId[] }
  /** The handler may not apply a change of this field when nothing else in its property changed. */
  | { readonly verdict: 'skipped-alone'; readonly why: string; readonly evidence: readonly EvidenceId[] }
  /** The handler may not apply a change that only adds entries. */
  | { readonly verdict: 'skipped-if-only-added'; readonly why: string; readonly evidence: readonly EvidenceId[] };

/** What adding or removing a whole top-level property does, where its rows' verdicts do not say. */
export interface Outcome {
  /** `fails` and `may-fail` as plan's verdicts; `ignored`: the live user keeps what it has. */
  readonly verdict: 'fails' | 'may-fail' | 'ignored';
  readonly why: string;
  /** What to do instead, for `fails` and `may-fail`. */
  readonly instead?: string;
  readonly evidence: readonly EvidenceId[];
}

/** Facts about a top-level CloudFormation property as a whole, beyond its rows. */
export interface PropertyFacts {
  /** The list's order carries no meaning: plan compares it as a set. The evidence says so. */
  readonly unordered?: EvidenceId;
  /** Taking the whole property out of the template. */
  readonly removed?: Outcome;
  /** Adding the whole property to a user deployed without it. */
  readonly added?: Outcome;
  /**
   * Its settings that an instance of this identity management type cannot update,
   * with the evidence: a change of one of them is a warning there.
   */
  readonly notUpdatable?: { readonly identityType: 'EXISTING_DIRECTORY'; readonly fields: readonly string[]; readonly evidence: EvidenceId };
}

/** One setting of an agent. */
export interface Field {
  /** The path in the agent's options (`identityInfo.firstName`); also its name in messages. */
  readonly prop: string;
  readonly kind: Kind;
  /** Required in the props, the CSV and the JSON document. */
  readonly required?: boolean;
  /** The CloudFormation property path (`IdentityInfo.FirstName`, `AutoAcceptConfigs[VOICE].AutoAccept`). */
  readonly cfn: string | Absent;
  /** The roster CSV's column. */
  readonly csv: CsvColumn | Absent;
  /** The path in a roster document's user (`firstName`, `channelSettings.voice.autoAccept`). */
  readonly json: string | Absent;
  /** The path in DescribeUser's `User`, or `ListUserProficiencies`. */
  readonly api: string | Absent;
  readonly drift: Drift;
  /** What a change does on the next deploy; absent for a setting the template does not hold. */
  readonly change: Change | Absent;
  /** For references: the member of the reference interface that holds the ARN, and the ARN's resource type. */
  readonly ref?: { readonly refName: string; readonly arnName: string; readonly arnType: 'instance' | 'routing-profile' | 'security-profile' | 'agent-group' };
  /**
   * The per-channel setting (its `prop`) that AWS recommends instead of this
   * `phoneConfig` one. Export moves a live PhoneConfig value there when the live
   * per-channel list carries the setting; the CSV's phone columns carry the
   * per-channel value when the phone setting is not set.
   */
  readonly perChannel?: string;
  /**
   * The aws-cdk-lib floor's `CfnUser` (2.239) does not know this property and drops it: the struct that holds it
   * renders in CloudFormation's words when it is set (render.ts).
   */
  readonly newerThanFloor?: boolean;
}

// Sources of the verdicts: ./evidence.ts. The registry schema has no create-only property
// (schema.noCreateOnly), so every change goes through the update handler.
const updates = (...evidence: EvidenceId[]): Change => ({ verdict: 'updates', evidence });
const IDENTITY = updates('handler.identityInfo');
const PHONE = updates('handler.phoneConfig');
const PER_CHANNEL = updates('schema.perChannel');
const NOT_IN_TEMPLATE: Absent = { none: 'not in the template: a change does nothing on deploy' };

/** The per-channel lists' channels: the props' key and the API's `Channel`. */
export const CHANNELS = [['voice', 'VOICE'], ['chat', 'CHAT'], ['task', 'TASK'], ['email', 'EMAIL']] as const;

const noCsv = (why: string): Absent => ({ none: `the CSV has no column for it: ${why}` });
const PER_CHANNEL_CSV = noCsv('the bulk-upload template has one set of phone columns (the voice settings, or PhoneConfig)');

/** A simple setting whose path is the same in every shape but the case of its letters. */
function simple(prop: string, kind: ScalarKind, cfn: string, csv: CsvColumn | Absent, json: string, change: Change,
  extra: Partial<Field> = {}): Field {
  return { prop, kind, cfn, csv, json, api: cfn, drift: 'exact', change, ...extra };
}

/** The settings of one channel's per-channel lists. */
function channelRows(key: string, channel: string): Field[] {
  const rows: Field[] = [
    simple(`channelSettings.${key}.autoAccept`, 'boolean', `AutoAcceptConfigs[${channel}].AutoAccept`, PER_CHANNEL_CSV,
      `channelSettings.${key}.autoAccept`, PER_CHANNEL),
    simple(`channelSettings.${key}.afterContactWorkTimeLimit`, 'seconds',
      `AfterContactWorkConfigs[${channel}].AfterContactWorkConfig.AfterContactWorkTimeLimit`, PER_CHANNEL_CSV,
      `channelSettings.${key}.afterContactWorkTimeLimit`, PER_CHANNEL),
    // Evidence: schema (us-east-1 schemas of 2026-07-15; cfn-lint 1.58.0), not yet in the oracle's cfn-lint 1.51.0. A string
    // everywhere; its values are a rule's (rules/channels.ts). Newer than the aws-cdk-lib floor's CfnUser (see render.ts).
    simple(`channelSettings.${key}.afterContactWorkMode`, 'string',
      `AfterContactWorkConfigs[${channel}].AfterContactWorkConfig.AfterContactWorkMode`, PER_CHANNEL_CSV,
      `channelSettings.${key}.afterContactWorkMode`, updates('schema.perChannel', 'schema.afterContactWorkMode'), {
        api: { none: "not in the Amazon Connect API model (botocore 1.44.8: DescribeUser's AfterContactWorkConfig has AfterContactWorkTimeLimit only)" },
        drift: { none: 'DescribeUser does not return it (API model)' },
        newerThanFloor: true,
      }),
  ];
  if (key !== 'voice') return rows;
  return [
    ...rows,
    simple('channelSettings.voice.phone.phoneType', 'phoneType', 'PhoneNumberConfigs[VOICE].PhoneType', PER_CHANNEL_CSV, 'channelSettings.voice.phoneType',
      PER_CHANNEL),
    simple('channelSettings.voice.phone.phoneNumber', 'string', 'PhoneNumberConfigs[VOICE].PhoneNumber', PER_CHANNEL_CSV, 'channelSettings.voice.phoneNumber',
      PER_CHANNEL),
    simple('channelSettings.voice.persistentConnection', 'boolean', 'PersistentConnectionConfigs[VOICE].PersistentConnection', PER_CHANNEL_CSV,
      'channelSettings.voice.persistentConnection', PER_CHANNEL),
    simple('channelSettings.voice.voiceEnhancementMode', 'voiceEnhancementMode', 'VoiceEnhancementConfigs[VOICE].VoiceEnhancementMode', PER_CHANNEL_CSV,
      'channelSettings.voice.voiceEnhancementMode', PER_CHANNEL),
    simple('channelSettings.voice.agentFirstCallbackAutoAccept', 'boolean', 'AutoAcceptConfigs[VOICE].AgentFirstCallbackAutoAccept', PER_CHANNEL_CSV,
      'channelSettings.voice.agentFirstCallbackAutoAccept', PER_CHANNEL),
    simple('channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit', 'seconds',
      'AfterContactWorkConfigs[VOICE].AgentFirstCallbackAfterContactWorkConfig.AfterContactWorkTimeLimit', PER_CHANNEL_CSV,
      'channelSettings.voice.agentFirstCallbackAfterContactWorkTimeLimit', PER_CHANNEL),
  ];
}

/**
 * The rows, in the CSV's column order (Amazon Connect's bulk user upload template,
 * then the roster's extra columns), then the settings the CSV has no column for.
 */
export const FIELDS: readonly Field[] = [
  simple('identityInfo.firstName', 'string', 'IdentityInfo.FirstName', { headers: ['first name'] }, 'firstName', IDENTITY),
  simple('identityInfo.lastName', 'string', 'IdentityInfo.LastName', { headers: ['last name'] }, 'lastName', IDENTITY),
  simple('identityInfo.email', 'string', 'IdentityInfo.Email', { headers: ['email address', 'email'] }, 'email', IDENTITY),
  {
    prop: 'password',
    kind: 'password',
    cfn: 'Password',
    csv: { headers: ['password'] },
    json: { none: 'a roster document holds no password (it is a file people share): use the roster\'s passwords' },
    api: { none: 'no Amazon Connect API returns a password' },
    drift: { none: 'write-only (the registry schema\'s writeOnlyProperties)' },
    change: {
      verdict: 'fails',
      evidence: ['handler.password'],
      instead: 'CloudFormation sets the password only when it creates the user, and refuses any change later, '
        + 'including a changed secret reference or a replaced generated secret: keep the original value, and reset passwords in the Amazon Connect admin website',
    },
  },
  simple('username', 'string', 'Username', { headers: ['user login', 'username'] }, 'username', {
    verdict: 'fails',
    evidence: ['handler.username'],
    instead: 'Amazon Connect has no rename: keep this user as it is, add the new one under a new construct id (or roster row) '
      + 'and retire the old one (RETAIN keeps it in the instance; delete it in the admin website)',
  }, { required: true }),
  {
    prop: 'routingProfile',
    kind: 'reference',
    required: true,
    ref: { refName: 'routingProfileRef', arnName: 'routingProfileArn', arnType: 'routing-profile' },
    cfn: 'RoutingProfileArn',
    csv: { headers: ['routing profile name', 'routing profile'] },
    json: 'routingProfile',
    api: 'RoutingProfileId',
    drift: 'reference',
    change: updates('handler.routingProfile'),
  },
  {
    prop: 'securityProfiles',
    kind: 'references',
    required: true,
    ref: { refName: 'securityProfileRef', arnName: 'securityProfileArn', arnType: 'security-profile' },
    cfn: 'SecurityProfileArns',
    // The template's one column holds `a|b`; other versions of it (and people) number the columns.
    csv: { headers: ['security_profile_name_1|security_profile_name_2'], name: 'security profiles', prefixes: ['security_profile_name', 'security profile'] },
    json: 'securityProfiles',
    api: 'SecurityProfileIds',
    drift: 'set',
    change: {
      verdict: 'skipped-if-only-added',
      why: 'profiles only added; the public handler calls UpdateUserSecurityProfiles only when one is removed, '
        + 'so the new profiles may not reach the live user (the live handler is newer than that source)',
      evidence: ['handler.securityProfiles', 'schema.perChannel'],
    },
  },
  simple('phoneConfig.phoneType', 'phoneType', 'PhoneConfig.PhoneType', { headers: ['phone type (soft/desk)', 'phone type'], name: 'phone type' },
    'phoneType', PHONE, { perChannel: 'channelSettings.voice.phone.phoneType' }),
  simple('phoneConfig.deskPhoneNumber', 'string', 'PhoneConfig.DeskPhoneNumber', { headers: ['phone number'] }, 'deskPhoneNumber', PHONE,
    { perChannel: 'channelSettings.voice.phone.phoneNumber' }),
  simple('phoneConfig.autoAccept', 'boolean', 'PhoneConfig.AutoAccept',
    { headers: ['soft phone auto accept (yes/no)', 'auto accept'], name: 'soft phone auto accept' }, 'autoAccept', PHONE,
    { perChannel: 'channelSettings.voice.autoAccept' }),
  simple('phoneConfig.afterContactWorkTimeLimit', 'seconds', 'PhoneConfig.AfterContactWorkTimeLimit',
    { headers: ['ACW timeout (seconds)', 'acw timeout'], name: 'ACW timeout' }, 'afterContactWorkTimeLimit', PHONE,
    { perChannel: 'channelSettings.voice.afterContactWorkTimeLimit' }),
  {
    prop: 'hierarchyGroup',
    kind: 'reference',
    ref: { refName: 'userHierarchyGroupRef', arnName: 'userHierarchyGroupArn', arnType: 'agent-group' },
    cfn: 'HierarchyGroupArn',
    csv: { headers: ['user hierarchy', 'userhierarchy', 'hierarchy group'] },
    json: 'hierarchyGroup',
    api: 'HierarchyGroupId',
    drift: 'reference',
    change: updates('handler.hierarchyGroup'),
  },
  simple('identityInfo.secondaryEmail', 'string', 'IdentityInfo.SecondaryEmail', { headers: ['secondary email'] }, 'secondaryEmail', IDENTITY),
  simple('identityInfo.mobile', 'string', 'IdentityInfo.Mobile', { headers: ['mobile'] }, 'mobile', IDENTITY),
  simple('directoryUserId', 'string', 'DirectoryUserId', { headers: ['directory user id'] }, 'directoryUserId', {
    verdict: 'fails',
    evidence: ['handler.directoryUserId'],
    instead: 'a user keeps its directory user id: create a user under a new construct id for the new directory identity',
  }),
  {
    prop: 'proficiencies',
    kind: 'proficiencies',
    cfn: 'UserProficiencies',
    csv: { headers: ['proficiencies'] },
    json: 'proficiencies',
    api: 'ListUserProficiencies',
    drift: 'keyed',
    change: updates('schema.proficiencies'),
  },
  { prop: 'tags', kind: 'tags', cfn: 'Tags', csv: { headers: ['tags'] }, json: 'tags', api: 'Tags', drift: 'tags', change: updates('handler.tags') },
  {
    prop: 'adopt',
    kind: 'boolean',
    cfn: { none: 'not a property: an adopted user gets DeletionPolicy Retain and the import metadata' },
    csv: { headers: ['adopt'] },
    json: 'adopt',
    api: { none: 'export marks every user it reads as adopted' },
    drift: { none: 'not in the template' },
    change: NOT_IN_TEMPLATE,
  },
  {
    prop: 'existingUserArn',
    kind: 'string',
    cfn: { none: 'not a property: it names the user in the import metadata' },
    csv: { headers: ['existing user arn'] },
    json: 'existingUserArn',
    api: 'Arn',
    drift: { none: 'not in the template' },
    change: NOT_IN_TEMPLATE,
  },
  simple('phoneConfig.persistentConnection', 'boolean', 'PhoneConfig.PersistentConnection', noCsv('the bulk-upload template has none'),
    'persistentConnection', {
      verdict: 'skipped-alone',
      why: 'PhoneConfig.PersistentConnection alone changed; the public handler compares ACW, auto-accept, desk phone number and phone type only, '
        + 'so the change may not reach the live user (PersistentConnection is newer than that source: unverified)',
      evidence: ['handler.phoneConfig', 'schema.persistentConnection'],
    }, { perChannel: 'channelSettings.voice.persistentConnection' }),
  ...CHANNELS.flatMap(([key, channel]) => channelRows(key, channel)),
  {
    prop: 'instance',
    kind: 'instance',
    required: true,
    ref: { refName: 'instanceRef', arnName: 'instanceArn', arnType: 'instance' },
    cfn: 'InstanceArn',
    csv: noCsv("every agent of a roster is in the roster's instance"),
    json: { none: "the document's instanceArn, for every agent" },
    api: { none: 'the instance is where the user is read from' },
    drift: { none: 'the live user is read from this instance' },
    change: {
      verdict: 'fails',
      evidence: ['handler.instanceArn'],
      instead: 'a user cannot move to another instance: create it there under a new construct id and retire this one',
    },
  },
];

const SET: PropertyFacts = { unordered: 'schema.unordered' };

/**
 * Facts about whole top-level properties of the template, by name: which lists
 * are sets, and what adding or removing a whole property does where its rows do
 * not say. test/fields.test.ts holds `unordered` against the registry schema's
 * `insertionOrder: false`.
 */
export const PROPERTY_FACTS: { readonly [cfn: string]: PropertyFacts } = {
  IdentityInfo: {
    removed: {
      verdict: 'fails',
      why: 'the public handler then calls UpdateUserIdentityInfo without IdentityInfo, which the API requires',
      instead: 'keep IdentityInfo as deployed: no Amazon Connect call clears it',
      evidence: ['handler.identityInfoRemoved', 'model.updateUserIdentityInfo'],
    },
    notUpdatable: { identityType: 'EXISTING_DIRECTORY', fields: ['FirstName', 'LastName', 'Email'], evidence: 'documented.existingDirectory' },
  },
  PhoneConfig: {
    removed: {
      verdict: 'may-fail',
      why: 'the public handler refuses an update without PhoneConfig; PhoneConfig is optional since the schema of 2026-02, '
        + 'so the live handler takes users without one: unverified',
      instead: 'keep PhoneConfig, or try the change first on a test user (a stack of its own) and deploy it here once that succeeds',
      evidence: ['handler.phoneConfigRemoved', 'schema.perChannel'],
    },
    added: {
      verdict: 'may-fail',
      why: 'the public handler reads the previous PhoneConfig without checking there is one; PhoneConfig is optional since the schema of 2026-02, '
        + 'so the live handler reads differently: unverified',
      instead: 'set the values in channelSettings instead (AWS recommends them over PhoneConfig), or try the change first on a test user',
      evidence: ['handler.phoneConfigAdded', 'schema.perChannel'],
    },
  },
  Password: { removed: { verdict: 'ignored', why: 'the handler checks a non-empty Password only, and nothing clears it', evidence: ['handler.emptyIgnored'] } },
  DirectoryUserId: {
    removed: { verdict: 'ignored', why: 'the handler checks a non-empty DirectoryUserId only, and nothing clears it', evidence: ['handler.emptyIgnored'] },
  },
  SecurityProfileArns: SET,
  Tags: SET,
  UserProficiencies: SET,
  AutoAcceptConfigs: SET,
  AfterContactWorkConfigs: SET,
  PhoneNumberConfigs: SET,
  PersistentConnectionConfigs: SET,
  VoiceEnhancementConfigs: SET,
};

/**
 * Props of `ConnectUserProps` that are not settings of the agent, and why.
 * test/fields.test.ts requires each prop to have a row or an entry here.
 */
export const NOT_SETTINGS: { readonly [prop: string]: string } = {
  removalPolicy: 'a CloudFormation resource policy (DeletionPolicy, UpdateReplacePolicy), not a property of the user',
  identityManagementType: "the instance's, not the user's: it decides which rules apply",
};

/**
 * Properties of the AWS::Connect::User registry schema that are not settings, and why.
 * test/fields.test.ts requires each schema property (and nested field) to have a row or an entry here.
 */
export const SCHEMA_EXCLUSIONS: { readonly [path: string]: string } = {
  'UserArn': 'read-only: the ARN Amazon Connect gives the user',
  // The key of every per-channel list's entries, set from the row's path.
  'AutoAcceptConfigs[].Channel': 'the list entry\'s key',
  'AfterContactWorkConfigs[].Channel': 'the list entry\'s key',
  'PhoneNumberConfigs[].Channel': 'the list entry\'s key',
  'PersistentConnectionConfigs[].Channel': 'the list entry\'s key',
  'VoiceEnhancementConfigs[].Channel': 'the list entry\'s key',
  // The fields of list items that one row handles as a whole.
  'UserProficiencies[].AttributeName': 'part of the proficiencies row',
  'UserProficiencies[].AttributeValue': 'part of the proficiencies row',
  'UserProficiencies[].Level': 'part of the proficiencies row',
  'Tags[].Key': 'part of the tags row',
  'Tags[].Value': 'part of the tags row',
};

/** Whether a shape has a place for the setting. */
export const has = <T>(v: T | Absent): v is T => !(typeof v === 'object' && v !== null && 'none' in v);

/** The row of a prop path. */
export function fieldOf(prop: string): Field {
  const found = BY_PROP.get(prop);
  if (found === undefined) throw new Error(`no field ${prop}`);
  return found;
}

const BY_PROP = new Map(FIELDS.map(f => [f.prop, f]));

/** Whether the kind is one every consumer converts the same way. */
export const isScalar = (kind: Kind): kind is ScalarKind =>
  kind === 'string' || kind === 'boolean' || kind === 'seconds' || kind === 'phoneType' || kind === 'voiceEnhancementMode';
