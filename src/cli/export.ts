/**
 * `cdk-connect-user export`: the users of an Amazon Connect instance as a
 * roster document (JSON) or a bulk-upload CSV, every user marked for adoption.
 *
 * The calls it makes, and why no fewer will do:
 * - DescribeInstance, once: the identity-management type.
 * - ListUsers, ⌈N / 1000⌉ pages: the user ids. SearchUsers would return most
 *   settings with each user, but its `UserSearchSummary` carries only
 *   `UserIdentityInfoLite` (first and last name): Email, SecondaryEmail and
 *   Mobile are DescribeUser's alone (botocore's Connect model). So every user
 *   needs a DescribeUser anyway, and ListUsers pages are 1,000 users where
 *   SearchUsers' are 500.
 * - DescribeUser, once per user: everything the `User` shape holds.
 * - ListUserProficiencies, ⌈proficiencies / 100⌉ pages per user (at least one).
 * - ListRoutingProfiles, ListSecurityProfiles, ListUserHierarchyGroups:
 *   ⌈count / 1000⌉ pages each, for the names (not one Describe per user).
 *
 * No password is read (no API returns one) or written.
 */
import { CallCounts, ConnectApi, listAll, mapLimit } from './aws/connect';
import type { RosterDocument as Doc, RosterDocumentChannelSettings, RosterDocumentUser, RosterDocumentVoiceChannel } from '../private/roster-document';

/** The JSON roster document's version. */
export const ROSTER_DOCUMENT_VERSION = 1;

/** A type with its members writable: the export builds documents member by member. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Settings of one channel in the roster document (the voice channel's members are a superset). */
export type DocChannelSettings = Writable<RosterDocumentVoiceChannel>;

/** A user in the roster document. */
export type DocUser = Writable<Omit<RosterDocumentUser, 'channelSettings'>> & {
  channelSettings?: { [channel in keyof RosterDocumentChannelSettings]?: DocChannelSettings };
};

/** The roster document, as src/private/roster-document.ts (and roster.schema.json) defines it. */
export type RosterDocument = Writable<Required<Pick<Doc, 'version' | 'instanceArn' | 'routingProfiles' | 'securityProfiles' | 'hierarchyGroups'>>> & {
  identityManagementType?: Doc['identityManagementType'];
  users: DocUser[];
};

const IDENTITY_TYPES: ReadonlyArray<string> = ['CONNECT_MANAGED', 'SAML', 'EXISTING_DIRECTORY'];

/** A routing profile, security profile or hierarchy group as a List operation returns it. */
export interface NamedSummary {
  readonly Id: string;
  readonly Arn: string;
  readonly Name: string;
}

/** What the export read from the instance. */
export interface LiveInstance {
  readonly instanceArn: string;
  readonly identityManagementType: string;
  readonly routingProfiles: NamedSummary[];
  readonly securityProfiles: NamedSummary[];
  readonly hierarchyGroups: NamedSummary[];
  /** DescribeUser's `User` and ListUserProficiencies' list, per user. */
  readonly users: Array<{ user: Record<string, any>; proficiencies: Array<Record<string, any>> }>;
}

/** Page sizes: the most each List operation takes (botocore's Connect model). */
export const PAGE_SIZES = {
  ListUsers: 1000, ListUserProficiencies: 100, ListRoutingProfiles: 1000, ListSecurityProfiles: 1000, ListUserHierarchyGroups: 1000,
};

/** Per-user calls in flight at once: enough to hide latency, few enough not to provoke throttling. */
export const EXPORT_CONCURRENCY = 8;

/** Reads every user of an instance, with the names of its profiles and groups. */
export async function readInstance(api: ConnectApi, instanceArn: string, progress: (line: string) => void): Promise<LiveInstance> {
  const InstanceId = instanceArn.split('/')[1];
  const [instance, summaries, routingProfiles, securityProfiles, hierarchyGroups] = await Promise.all([
    api.call('DescribeInstance', { InstanceId }),
    listAll<{ Id: string; Username: string }>(api, 'ListUsers', { InstanceId }, 'UserSummaryList', PAGE_SIZES.ListUsers),
    listAll<NamedSummary>(api, 'ListRoutingProfiles', { InstanceId }, 'RoutingProfileSummaryList', PAGE_SIZES.ListRoutingProfiles),
    listAll<NamedSummary>(api, 'ListSecurityProfiles', { InstanceId }, 'SecurityProfileSummaryList', PAGE_SIZES.ListSecurityProfiles),
    listAll<NamedSummary>(api, 'ListUserHierarchyGroups', { InstanceId }, 'UserHierarchyGroupSummaryList', PAGE_SIZES.ListUserHierarchyGroups),
  ]);
  let done = 0;
  const users = await mapLimit(summaries, EXPORT_CONCURRENCY, async s => {
    const { User } = await api.call('DescribeUser', { InstanceId, UserId: s.Id });
    const proficiencies = await listAll<Record<string, any>>(api, 'ListUserProficiencies', { InstanceId, UserId: s.Id }, 'UserProficiencyList',
      PAGE_SIZES.ListUserProficiencies);
    done++;
    if (done % 500 === 0 || done === summaries.length) progress(`exported ${done}/${summaries.length} users`);
    return { user: User, proficiencies };
  });
  return {
    instanceArn,
    identityManagementType: instance.Instance?.IdentityManagementType,
    routingProfiles,
    securityProfiles,
    hierarchyGroups,
    users,
  };
}

/**
 * The fewest calls an export can make (see the module's comment), from the number of users, of each
 * user's proficiencies, and of routing profiles, security profiles and hierarchy groups.
 */
export function minimalCalls(
  users: number, proficiencies: number[], routingProfiles: number, securityProfiles: number, hierarchyGroups: number,
): Record<string, number> {
  const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
  return {
    DescribeInstance: 1,
    ListUsers: pages(users, PAGE_SIZES.ListUsers),
    DescribeUser: users,
    ListUserProficiencies: proficiencies.reduce((n, p) => n + pages(p, PAGE_SIZES.ListUserProficiencies), 0),
    ListRoutingProfiles: pages(routingProfiles, PAGE_SIZES.ListRoutingProfiles),
    ListSecurityProfiles: pages(securityProfiles, PAGE_SIZES.ListSecurityProfiles),
    ListUserHierarchyGroups: pages(hierarchyGroups, PAGE_SIZES.ListUserHierarchyGroups),
  };
}

/** The channels of the per-channel settings, as the API names them and as the document does. */
const CHANNELS: Record<string, string> = { VOICE: 'voice', CHAT: 'chat', TASK: 'task', EMAIL: 'email' };

/**
 * Fields of DescribeUser's `User` the document holds (`Id` and `Arn` as `existingUserArn`). `LastModifiedTime`
 * and `LastModifiedRegion` are read-only bookkeeping, not settings: they are left out without a note.
 */
const USER_FIELDS = new Set([
  'Id', 'Arn', 'Username', 'IdentityInfo', 'PhoneConfig', 'DirectoryUserId', 'SecurityProfileIds', 'RoutingProfileId',
  'HierarchyGroupId', 'Tags', 'AutoAcceptConfigs', 'AfterContactWorkConfigs', 'PhoneNumberConfigs', 'PersistentConnectionConfigs',
  'VoiceEnhancementConfigs', 'LastModifiedTime', 'LastModifiedRegion',
]);
const IDENTITY_FIELDS = new Set(['FirstName', 'LastName', 'Email', 'SecondaryEmail', 'Mobile']);
const PHONE_FIELDS = new Set(['PhoneType', 'AutoAccept', 'AfterContactWorkTimeLimit', 'DeskPhoneNumber', 'PersistentConnection']);

/**
 * Names for the profiles or groups of one kind: the name Amazon Connect reports, or,
 * where several share a name, `<name> (<id>)` for each of them (with a note).
 */
function nameMap(kind: string, items: NamedSummary[], notes: string[]): { names: Map<string, string>; map: Record<string, string> } {
  const byName = new Map<string, NamedSummary[]>();
  for (const item of items) byName.set(item.Name, [...(byName.get(item.Name) ?? []), item]);
  const names = new Map<string, string>();
  for (const [name, group] of byName) {
    if (group.length === 1) {
      names.set(group[0].Id, name);
      continue;
    }
    const unique = group.map(g => `${name} (${g.Id})`);
    group.forEach((g, i) => names.set(g.Id, unique[i]));
    notes.push(`${kind}: ${group.length} share the name '${name}'; named ${unique.map(u => `'${u}'`).join(', ')} in the document`);
  }
  const map: Record<string, string> = {};
  for (const item of [...items].sort((a, b) => compare(names.get(a.Id)!, names.get(b.Id)!))) map[names.get(item.Id)!] = item.Arn;
  return { names, map };
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether a string has content (the API may return an empty string for an absent value). */
const present = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * The roster document of what was read, and a note (`<username>: <field>: …`) for
 * everything it cannot express. Every user is marked `adopt` with its ARN.
 */
export function toRosterDocument(live: LiveInstance): { document: RosterDocument; notes: string[] } {
  const notes: string[] = [];
  if (!IDENTITY_TYPES.includes(live.identityManagementType)) {
    notes.push(`instance: identityManagementType ${JSON.stringify(live.identityManagementType)} is not one the roster document knows; left out`);
  }
  const instancePrefix = live.instanceArn;
  const rp = nameMap('routingProfiles', live.routingProfiles, notes);
  const sp = nameMap('securityProfiles', live.securityProfiles, notes);
  const hg = nameMap('hierarchyGroups', live.hierarchyGroups, notes);
  /** The document's name of a referenced id; an id missing from the listing is added under its id, with a note. */
  const nameOf = (ref: ReturnType<typeof nameMap>, kind: string, arnKind: string, id: string, username: string, field: string) => {
    const known = ref.names.get(id);
    if (known !== undefined) return known;
    notes.push(`${username}: ${field}: ${id} is not among the ${kind} the instance lists; named by its id`);
    ref.names.set(id, id);
    ref.map[id] = `${instancePrefix}/${arnKind}/${id}`;
    return id;
  };

  const users: DocUser[] = [];
  for (const { user, proficiencies } of live.users) {
    const username: string = user.Username;
    const note = (field: string, why: string) => notes.push(`${username}: ${field}: ${why}`);
    for (const key of Object.keys(user)) {
      if (!USER_FIELDS.has(key) && user[key] !== undefined) note(key, 'DescribeUser returns it; the roster document has no place for it');
    }
    const info = user.IdentityInfo ?? {};
    for (const key of Object.keys(info)) {
      if (!IDENTITY_FIELDS.has(key) && info[key] !== undefined) note(`IdentityInfo.${key}`, 'the roster document has no place for it');
    }
    const phone = user.PhoneConfig ?? {};
    for (const key of Object.keys(phone)) {
      if (!PHONE_FIELDS.has(key) && phone[key] !== undefined) note(`PhoneConfig.${key}`, 'the roster document has no place for it');
    }

    // Per-channel settings, channel by channel.
    const channels: Record<string, DocChannelSettings> = {};
    const channel = (entry: { Channel?: string }, list: string): DocChannelSettings | undefined => {
      const key = CHANNELS[entry.Channel ?? ''];
      if (!key) {
        note(`${list}[${entry.Channel}]`, 'a channel the roster document has no place for');
        return undefined;
      }
      return channels[key] ??= {};
    };
    const voiceOnly = (entry: { Channel?: string }, field: string, list: string, value: unknown): boolean => {
      if (entry.Channel === 'VOICE') return true;
      note(`${list}[${entry.Channel}].${field}`, `${JSON.stringify(value)}: the roster document has ${field} on the voice channel only`);
      return false;
    };
    for (const e of user.AutoAcceptConfigs ?? []) {
      const c = channel(e, 'AutoAcceptConfigs');
      if (!c) continue;
      if (e.AutoAccept !== undefined) c.autoAccept = e.AutoAccept;
      if (e.AgentFirstCallbackAutoAccept !== undefined && voiceOnly(e, 'agentFirstCallbackAutoAccept', 'AutoAcceptConfigs', e.AgentFirstCallbackAutoAccept)) {
        c.agentFirstCallbackAutoAccept = e.AgentFirstCallbackAutoAccept;
      }
    }
    for (const e of user.AfterContactWorkConfigs ?? []) {
      const c = channel(e, 'AfterContactWorkConfigs');
      if (!c) continue;
      const limit = e.AfterContactWorkConfig?.AfterContactWorkTimeLimit;
      if (limit !== undefined) c.afterContactWorkTimeLimit = limit;
      const callback = e.AgentFirstCallbackAfterContactWorkConfig?.AfterContactWorkTimeLimit;
      if (callback !== undefined && voiceOnly(e, 'agentFirstCallbackAfterContactWorkTimeLimit', 'AfterContactWorkConfigs', callback)) {
        c.agentFirstCallbackAfterContactWorkTimeLimit = callback;
      }
    }
    for (const e of user.PhoneNumberConfigs ?? []) {
      const c = channel(e, 'PhoneNumberConfigs');
      if (!c || !voiceOnly(e, 'phoneType', 'PhoneNumberConfigs', e.PhoneType)) continue;
      if (e.PhoneType !== undefined) c.phoneType = e.PhoneType;
      if (present(e.PhoneNumber)) c.phoneNumber = e.PhoneNumber;
    }
    for (const e of user.PersistentConnectionConfigs ?? []) {
      const c = channel(e, 'PersistentConnectionConfigs');
      if (c && e.PersistentConnection !== undefined && voiceOnly(e, 'persistentConnection', 'PersistentConnectionConfigs', e.PersistentConnection)) {
        c.persistentConnection = e.PersistentConnection;
      }
    }
    for (const e of user.VoiceEnhancementConfigs ?? []) {
      const c = channel(e, 'VoiceEnhancementConfigs');
      if (c && e.VoiceEnhancementMode !== undefined && voiceOnly(e, 'voiceEnhancementMode', 'VoiceEnhancementConfigs', e.VoiceEnhancementMode)) {
        c.voiceEnhancementMode = e.VoiceEnhancementMode;
      }
    }
    const voice: DocChannelSettings = channels.voice ?? {};

    // PhoneConfig: Amazon Connect mirrors the voice channel's settings in it. The API reference says a field of
    // PhoneConfig cannot be set together with its per-channel counterpart, so where the per-channel lists carry a
    // setting the document keeps it there: a PhoneConfig value the voice channel lacks moves to it (it is the
    // voice setting), and one that differs from the voice channel's cannot be carried, and is noted.
    const legacy: Partial<DocUser> = {};
    const fold = (field: keyof DocUser & keyof DocChannelSettings | 'deskPhoneNumber', value: unknown, covered: boolean,
      voiceField: keyof DocChannelSettings) => {
      if (value === undefined || (field === 'deskPhoneNumber' && !present(value))) return;
      if (!covered) {
        (legacy as Record<string, unknown>)[field] = value;
      } else if (voice[voiceField] === undefined) {
        (voice as Record<string, unknown>)[voiceField] = value;
      } else if (voice[voiceField] !== value) {
        note(`PhoneConfig.${field[0].toUpperCase()}${field.slice(1)}`, `${JSON.stringify(value)} differs from channelSettings.voice.${voiceField} `
          + `(${JSON.stringify(voice[voiceField])}); the roster document cannot set both, so it keeps channelSettings.voice.${voiceField}`);
      }
    };
    fold('phoneType', phone.PhoneType, voice.phoneType !== undefined, 'phoneType');
    fold('deskPhoneNumber', phone.DeskPhoneNumber, voice.phoneType !== undefined, 'phoneNumber');
    fold('autoAccept', phone.AutoAccept, (user.AutoAcceptConfigs ?? []).length > 0, 'autoAccept');
    fold('afterContactWorkTimeLimit', phone.AfterContactWorkTimeLimit, (user.AfterContactWorkConfigs ?? []).length > 0, 'afterContactWorkTimeLimit');
    fold('persistentConnection', phone.PersistentConnection, voice.persistentConnection !== undefined, 'persistentConnection');
    if (Object.keys(voice).length) channels.voice = voice;
    for (const key of Object.keys(channels)) channels[key] = sortKeys(channels[key] as Record<string, unknown>, CHANNEL_FIELDS);

    // Tags: the aws: prefix is reserved; CloudFormation cannot set such a tag.
    const tags: Record<string, string> = {};
    for (const key of Object.keys(user.Tags ?? {}).sort(compare)) {
      if (key.startsWith('aws:')) note(`Tags.${key}`, 'a tag with the reserved aws: prefix cannot be set through CloudFormation');
      else tags[key] = user.Tags[key];
    }

    const doc: DocUser = {
      username,
      routingProfile: nameOf(rp, 'routing profiles', 'routing-profile', user.RoutingProfileId, username, 'RoutingProfileId'),
      securityProfiles: (user.SecurityProfileIds ?? []).map((id: string) => nameOf(sp, 'security profiles', 'security-profile', id, username, 'SecurityProfileIds')),
      ...(present(user.HierarchyGroupId)
        ? { hierarchyGroup: nameOf(hg, 'hierarchy groups', 'agent-group', user.HierarchyGroupId, username, 'HierarchyGroupId') } : {}),
      ...(present(info.FirstName) ? { firstName: info.FirstName } : {}),
      ...(present(info.LastName) ? { lastName: info.LastName } : {}),
      ...(present(info.Email) ? { email: info.Email } : {}),
      ...(present(info.SecondaryEmail) ? { secondaryEmail: info.SecondaryEmail } : {}),
      ...(present(info.Mobile) ? { mobile: info.Mobile } : {}),
      ...(present(user.DirectoryUserId) ? { directoryUserId: user.DirectoryUserId } : {}),
      ...legacy,
      ...(Object.keys(channels).length ? { channelSettings: sortKeys(channels, ['voice', 'chat', 'task', 'email']) } : {}),
      ...(proficiencies.length ? {
        proficiencies: proficiencies.map(p => ({ attributeName: p.AttributeName, attributeValue: p.AttributeValue, level: p.Level })),
      } : {}),
      ...(Object.keys(tags).length ? { tags } : {}),
      adopt: true,
      existingUserArn: user.Arn,
    };
    users.push(doc);
  }
  users.sort((a, b) => compare(a.username, b.username));
  return {
    document: {
      version: ROSTER_DOCUMENT_VERSION,
      instanceArn: live.instanceArn,
      // A type the document does not know (a newer one) is left out, and said so below.
      identityManagementType: IDENTITY_TYPES.includes(live.identityManagementType)
        ? live.identityManagementType as Doc['identityManagementType'] : undefined,
      routingProfiles: rp.map,
      securityProfiles: sp.map,
      hierarchyGroups: hg.map,
      users,
    },
    notes,
  };
}

/** The document's order of a channel's settings. */
const CHANNEL_FIELDS = ['autoAccept', 'afterContactWorkTimeLimit', 'phoneType', 'phoneNumber', 'persistentConnection', 'voiceEnhancementMode',
  'agentFirstCallbackAutoAccept', 'agentFirstCallbackAfterContactWorkTimeLimit'];

function sortKeys<T>(o: Record<string, T>, order: string[]): Record<string, T> {
  return Object.fromEntries(order.filter(k => o[k] !== undefined).map(k => [k, o[k]]));
}

/** The roster document as written: two-space indent, final newline. */
export function formatJson(document: RosterDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The CSV header: the bulk-upload template's columns, then the ones only this library reads. */
export const CSV_COLUMNS = [
  'first name', 'last name', 'email address', 'password', 'user login', 'routing profile name',
  'security_profile_name_1|security_profile_name_2', 'phone type (soft/desk)', 'phone number',
  'soft phone auto accept (yes/no)', 'ACW timeout (seconds)', 'user hierarchy', 'secondary email', 'mobile',
  'directory user id', 'proficiencies', 'tags', 'adopt', 'existing user arn',
];

/** A CSV cell, quoted as RFC 4180 says when it must be. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The roster document as a bulk-upload CSV, and a note for each setting the CSV
 * cannot carry. The phone columns carry the voice settings (the document's
 * top-level phone fields, or else its voice channel's); the password column is
 * always empty.
 */
export function toCsv(document: RosterDocument): { csv: string; notes: string[] } {
  const notes: string[] = [];
  const rows = [CSV_COLUMNS.map(cell).join(',')];
  for (const u of document.users) {
    const voice = u.channelSettings?.voice ?? {};
    const lost: string[] = [];
    if (u.persistentConnection !== undefined) lost.push('persistentConnection');
    for (const [channel, s] of Object.entries(u.channelSettings ?? {})) {
      for (const field of Object.keys(s) as Array<keyof DocChannelSettings>) {
        const inColumns = channel === 'voice' && (
          (field === 'phoneType' && u.phoneType === undefined) || (field === 'phoneNumber' && u.deskPhoneNumber === undefined)
          || (field === 'autoAccept' && u.autoAccept === undefined) || (field === 'afterContactWorkTimeLimit' && u.afterContactWorkTimeLimit === undefined));
        if (!inColumns) lost.push(`channelSettings.${channel}.${field}`);
      }
    }
    const proficiencies: string[] = [];
    for (const p of u.proficiencies ?? []) {
      if (/[:|]/.test(p.attributeName) || /[:|]/.test(p.attributeValue)) lost.push(`proficiencies[${p.attributeName}:${p.attributeValue}]`);
      else proficiencies.push(`${p.attributeName}:${p.attributeValue}:${p.level}`);
    }
    const tags: string[] = [];
    for (const [k, v] of Object.entries(u.tags ?? {})) {
      if (/[=|]/.test(k) || /[=|]/.test(v)) lost.push(`tags.${k}`);
      else tags.push(`${k}=${v}`);
    }
    if (lost.length) notes.push(`${u.username}: ${lost.join(', ')}: not expressible in CSV`);
    const phoneType = u.phoneType ?? voice.phoneType;
    const autoAccept = u.autoAccept ?? voice.autoAccept;
    const acw = u.afterContactWorkTimeLimit ?? voice.afterContactWorkTimeLimit;
    rows.push([
      u.firstName ?? '', u.lastName ?? '', u.email ?? '', '', u.username, u.routingProfile, u.securityProfiles.join('|'),
      phoneType === undefined ? '' : phoneType === 'DESK_PHONE' ? 'desk' : 'soft',
      u.deskPhoneNumber ?? voice.phoneNumber ?? '',
      autoAccept === undefined ? '' : autoAccept ? 'yes' : 'no',
      acw === undefined ? '' : String(acw),
      u.hierarchyGroup ?? '', u.secondaryEmail ?? '', u.mobile ?? '', u.directoryUserId ?? '',
      proficiencies.join('|'), tags.join('|'), u.adopt ? 'yes' : '', u.existingUserArn ?? '',
    ].map(cell).join(','));
  }
  return { csv: `${rows.join('\r\n')}\r\n`, notes };
}

/** Checks an instance ARN's shape (the id is what the API calls take). */
export function checkInstanceArn(arn: string): boolean {
  return /^arn:aws[\w-]*:connect:[a-z0-9-]+:\d{12}:instance\/[\w-]+$/.test(arn);
}

export type { CallCounts };
