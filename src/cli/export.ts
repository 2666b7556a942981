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
import { CSV_FIELDS } from '../private/roster/csv';
import type { RosterDocument as Doc, RosterDocumentChannelSettings, RosterDocumentUser, RosterDocumentVoiceChannel } from '../private/roster/document';
import { CHANNELS, FIELDS, Field, fieldOf, has } from '../private/user/fields';
import { get, segments, set } from '../private/user/paths';

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

/** The roster document, as src/private/roster/document.ts (and roster.schema.json) defines it. */
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

/** The settings the document has a place for and the API returns (DescribeUser's `User`, or ListUserProficiencies). */
type ReadField = Field & { api: string; json: string };
const READ: readonly ReadField[] = FIELDS.filter((f): f is ReadField => has(f.api) && has(f.json));
const BY_API = new Map(READ.map(f => [f.api, f]));

/**
 * Fields of DescribeUser's `User` the document holds: the first segment of every row's API path, and `Id`.
 * `LastModifiedTime` and `LastModifiedRegion` are read-only bookkeeping, not settings: they are left out without a note.
 */
const USER_FIELDS = new Set([...READ.map(f => segments(f.api)[0].key), 'Id', 'LastModifiedTime', 'LastModifiedRegion']);
/** The structs of `User` whose fields have rows (IdentityInfo, PhoneConfig), with those fields. */
const STRUCT_FIELDS = new Map<string, Set<string>>();
for (const f of READ) {
  const segs = segments(f.api);
  if (segs.length !== 2 || segs[0].channel !== undefined) continue;
  if (!STRUCT_FIELDS.has(segs[0].key)) STRUCT_FIELDS.set(segs[0].key, new Set());
  STRUCT_FIELDS.get(segs[0].key)!.add(segs[1].key);
}
/** The per-channel lists of `User`. */
const CHANNEL_LISTS = [...new Set(READ.filter(f => segments(f.api)[0].channel !== undefined).map(f => segments(f.api)[0].key))];
/** The document's order of a user's fields: the required ones first, then the table's order (nested ones too). */
const DOC_ORDER = [...READ.filter(f => f.required), ...FIELDS.filter(f => !f.required && has(f.json))];

/** The leaves of a list entry: `[path, value]`, nested objects flattened (`AfterContactWorkConfig.AfterContactWorkTimeLimit`). */
function leaves(o: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(o).flatMap(([k, v]): Array<[string, unknown]> => (k === 'Channel' && prefix === '' ? []
    : v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
}

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

  const names: Record<string, ReturnType<typeof nameMap>> = { 'routing-profile': rp, 'security-profile': sp, 'agent-group': hg };
  const kinds: Record<string, string> = { 'routing-profile': 'routing profiles', 'security-profile': 'security profiles', 'agent-group': 'hierarchy groups' };
  const users: DocUser[] = [];
  for (const { user, proficiencies } of live.users) {
    const username: string = user.Username;
    const note = (field: string, why: string) => notes.push(`${username}: ${field}: ${why}`);
    for (const key of Object.keys(user)) {
      if (!USER_FIELDS.has(key) && user[key] !== undefined) note(key, 'DescribeUser returns it; the roster document has no place for it');
    }
    for (const [struct, known] of STRUCT_FIELDS) {
      for (const key of Object.keys(user[struct] ?? {})) {
        if (!known.has(key) && user[struct][key] !== undefined) note(`${struct}.${key}`, 'the roster document has no place for it');
      }
    }
    const doc: Record<string, unknown> = {};
    const named = (arnType: string, id: string, field: string) => nameOf(names[arnType], kinds[arnType], arnType, id, username, field);
    const put = (f: Field & { json: string }, value: unknown) => {
      if (value === undefined || (typeof value === 'string' && f.kind !== 'references' && !present(value))) return;
      const ref = f.ref;
      if (f.kind === 'reference') {
        set(doc, f.json, named(ref!.arnType, value as string, f.api as string));
      } else if (f.kind === 'references') {
        set(doc, f.json, (value as string[]).map(id => named(ref!.arnType, id, f.api as string)));
      } else if (f.kind === 'tags') {
        // The aws: prefix is reserved; CloudFormation cannot set such a tag.
        const tags: Record<string, string> = {};
        for (const key of Object.keys(value as Record<string, string>).sort(compare)) {
          if (key.startsWith('aws:')) note(`Tags.${key}`, 'a tag with the reserved aws: prefix cannot be set through CloudFormation');
          else tags[key] = (value as Record<string, string>)[key];
        }
        if (Object.keys(tags).length) set(doc, f.json, tags);
      } else if (f.kind === 'proficiencies') {
        const list = value as Array<Record<string, any>>;
        if (list.length) set(doc, f.json, list.map(p => ({ attributeName: p.AttributeName, attributeValue: p.AttributeValue, level: p.Level })));
      } else {
        set(doc, f.json, value);
      }
    };
    for (const f of READ) {
      // Per-channel settings come from the lists below; PhoneConfig settings with a per-channel counterpart after them.
      if (segments(f.api)[0].channel !== undefined || f.perChannel !== undefined) continue;
      put(f, f.kind === 'proficiencies' ? proficiencies : get(user, f.api));
    }
    // Per-channel settings, entry by entry: what has no row is noted.
    for (const list of CHANNEL_LISTS) {
      for (const entry of (user[list] ?? []) as Array<Record<string, unknown>>) {
        if (!CHANNELS.some(([, channel]) => channel === entry.Channel)) {
          note(`${list}[${entry.Channel}]`, 'a channel the roster document has no place for');
          continue;
        }
        for (const [path, value] of leaves(entry)) {
          const f = BY_API.get(`${list}[${entry.Channel}].${path}`);
          if (f !== undefined) {
            put(f, value);
            continue;
          }
          const voice = BY_API.get(`${list}[VOICE].${path}`);
          if (voice === undefined) {
            note(`${list}[${entry.Channel}].${path}`, 'the roster document has no place for it');
          } else {
            const field = voice.json.split('.').pop();
            note(`${list}[${entry.Channel}].${field}`, `${JSON.stringify(value)}: the roster document has ${field} on the voice channel only`);
          }
        }
      }
    }
    // PhoneConfig: Amazon Connect mirrors the voice channel's settings in it. The API reference says a field of
    // PhoneConfig cannot be set together with its per-channel counterpart, so where the per-channel lists carry a
    // setting the document keeps it there: a PhoneConfig value the voice channel lacks moves to it (it is the
    // voice setting), and one that differs from the voice channel's cannot be carried, and is noted.
    for (const f of READ) {
      if (f.perChannel === undefined) continue;
      const value = get(user, f.api);
      if (value === undefined || (typeof value === 'string' && !present(value))) continue;
      const voice = fieldOf(f.perChannel) as Field & { api: string; json: string };
      const covered = ((user[segments(voice.api)[0].key] ?? []) as unknown[]).length > 0;
      const current = get(doc, voice.json);
      if (!covered) {
        put(f, value);
      } else if (current === undefined) {
        put(voice, value);
      } else if (current !== value) {
        note(f.api, `${JSON.stringify(value)} differs from ${voice.json} (${JSON.stringify(current)}); the roster document cannot set both, so it keeps ${voice.json}`);
      }
    }
    doc.adopt = true;
    // The table's order, so that every export writes the same text.
    const ordered: Record<string, unknown> = {};
    for (const f of DOC_ORDER) set(ordered, f.json as string, get(doc, f.json as string));
    users.push(ordered as unknown as DocUser);
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

/** The roster document as written: two-space indent, final newline. */
export function formatJson(document: RosterDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The CSV header: the bulk-upload template's columns, then the ones only this library reads (the field table's order). */
export const CSV_COLUMNS = CSV_FIELDS.map(f => f.csv.headers[0]);

/** A CSV cell, quoted as RFC 4180 says when it must be. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A document value as the CSV writes it, by the kind of its setting; what a cell cannot carry goes to `lost`. */
function cellOf(f: Field, v: unknown, lost: string[]): string {
  if (v === undefined) return '';
  switch (f.kind) {
    case 'boolean': return v ? 'yes' : 'no';
    case 'seconds': return String(v);
    case 'phoneType': return v === 'DESK_PHONE' ? 'desk' : 'soft';
    case 'references': {
      // The cell separates names with '|' and has no way to escape one: a name that holds it would be read as two.
      const names = v as string[];
      for (const name of names.filter(n => n.includes('|'))) lost.push(`${f.json as string}[${name}]`);
      return names.filter(n => !n.includes('|')).join('|');
    }
    case 'password': return '';
    case 'proficiencies': {
      const entries: string[] = [];
      for (const p of v as Array<{ attributeName: string; attributeValue: string; level: number }>) {
        if (/[:|]/.test(p.attributeName) || /[:|]/.test(p.attributeValue)) lost.push(`proficiencies[${p.attributeName}:${p.attributeValue}]`);
        else entries.push(`${p.attributeName}:${p.attributeValue}:${p.level}`);
      }
      return entries.join('|');
    }
    case 'tags': {
      const entries: string[] = [];
      for (const [k, value] of Object.entries(v as Record<string, string>)) {
        if (/[=|]/.test(k) || /[=|]/.test(value)) lost.push(`tags.${k}`);
        else entries.push(`${k}=${value}`);
      }
      return entries.join('|');
    }
    default: return String(v);
  }
}

/** The document's settings the CSV has no column for. */
const NOT_IN_CSV = FIELDS.filter(f => has(f.json) && !has(f.csv));

/**
 * The roster document as a bulk-upload CSV, and a note for each setting the CSV
 * cannot carry. A phone column carries the phone setting, or else its voice
 * channel counterpart; the password column is always empty.
 */
export function toCsv(document: RosterDocument): { csv: string; notes: string[] } {
  const notes: string[] = [];
  const rows = [CSV_COLUMNS.map(cell).join(',')];
  for (const u of document.users) {
    const lost: string[] = [];
    const carried = new Set<Field>();
    const cells = CSV_FIELDS.map(f => {
      let v = has(f.json) ? get(u, f.json) : undefined;
      if (v === undefined && f.perChannel !== undefined) {
        const voice = fieldOf(f.perChannel);
        v = get(u, voice.json as string);
        carried.add(voice);
      }
      return cellOf(f, v, lost);
    });
    const notCarried = NOT_IN_CSV.filter(f => !carried.has(f) && get(u, f.json as string) !== undefined).map(f => f.json as string);
    lost.unshift(...notCarried);
    if (lost.length) notes.push(`${u.username}: ${lost.join(', ')}: not expressible in CSV`);
    rows.push(cells.map(cell).join(','));
  }
  return { csv: `${rows.join('\r\n')}\r\n`, notes };
}

/** Checks an instance ARN's shape (the id is what the API calls take). */
export function checkInstanceArn(arn: string): boolean {
  return /^arn:aws[\w-]*:connect:[a-z0-9-]+:\d{12}:instance\/[\w-]+$/.test(arn);
}

export type { CallCounts };
