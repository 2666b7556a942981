/**
 * The JSON roster document: the roster's agents as JSON, with what they share
 * (the instance, its identity-management type, and name → ARN maps). The
 * interfaces below are the document's shape, and a user's fields are read by the
 * field table's `json` paths; `roster.schema.json` (shipped in the package) says
 * the same in JSON Schema, and test/roster-schema.test.ts checks the three against
 * each other.
 */
import type { RosterUserSpec } from '../../roster-props';
import { parseJson } from '../json';
import { PHONE_TYPE_VALUES, VOICE_ENHANCEMENT_VALUES } from '../rules/channels';
import { describeValue as describe } from '../rules/common';
import { FIELDS, Field, has, Kind } from '../user/fields';
import { fromJson, specOf } from '../user/read';

/** A whole roster document. */
export interface RosterDocument {
  /** The JSON Schema the document follows (for editors); ignored. */
  readonly $schema?: string;
  /** The document format's version: 1. */
  readonly version?: 1;
  /** The instance of every agent. */
  readonly instanceArn?: string;
  /** The instance's identity-management type. */
  readonly identityManagementType?: 'CONNECT_MANAGED' | 'SAML' | 'EXISTING_DIRECTORY';
  /** Routing profile ARNs by the names the users give. */
  readonly routingProfiles?: { [name: string]: string };
  /** Security profile ARNs by the names the users give. */
  readonly securityProfiles?: { [name: string]: string };
  /** Hierarchy group ARNs by the names the users give. */
  readonly hierarchyGroups?: { [name: string]: string };
  /** The agents. */
  readonly users: RosterDocumentUser[];
}

/** One agent: RosterUserSpec in JSON (durations in seconds, no password). */
export interface RosterDocumentUser {
  readonly username: string;
  readonly routingProfile: string;
  readonly securityProfiles: string[];
  readonly hierarchyGroup?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly secondaryEmail?: string;
  readonly mobile?: string;
  readonly directoryUserId?: string;
  readonly phoneType?: 'SOFT_PHONE' | 'DESK_PHONE';
  readonly deskPhoneNumber?: string;
  readonly autoAccept?: boolean;
  /** Seconds. */
  readonly afterContactWorkTimeLimit?: number;
  readonly persistentConnection?: boolean;
  readonly channelSettings?: RosterDocumentChannelSettings;
  readonly proficiencies?: RosterDocumentProficiency[];
  readonly tags?: { [key: string]: string };
  readonly adopt?: boolean;
  readonly existingUserArn?: string;
}

/** Per-channel settings. */
export interface RosterDocumentChannelSettings {
  readonly voice?: RosterDocumentVoiceChannel;
  readonly chat?: RosterDocumentChannel;
  readonly task?: RosterDocumentChannel;
  readonly email?: RosterDocumentChannel;
}

/** One channel's settings. */
export interface RosterDocumentChannel {
  readonly autoAccept?: boolean;
  /** Seconds. */
  readonly afterContactWorkTimeLimit?: number;
  readonly afterContactWorkMode?: 'ON' | 'OFF' | 'ON_DEMAND';
}

/** The voice channel's settings. */
export interface RosterDocumentVoiceChannel {
  readonly autoAccept?: boolean;
  /** Seconds. */
  readonly afterContactWorkTimeLimit?: number;
  readonly afterContactWorkMode?: 'ON' | 'OFF' | 'ON_DEMAND';
  readonly phoneType?: 'SOFT_PHONE' | 'DESK_PHONE';
  readonly phoneNumber?: string;
  readonly persistentConnection?: boolean;
  readonly voiceEnhancementMode?: 'NONE' | 'VOICE_ISOLATION' | 'NOISE_SUPPRESSION';
  readonly agentFirstCallbackAutoAccept?: boolean;
  /** Seconds. */
  readonly agentFirstCallbackAfterContactWorkTimeLimit?: number;
}

/** A proficiency. */
export interface RosterDocumentProficiency {
  readonly attributeName: string;
  readonly attributeValue: string;
  /** 1 to 5. */
  readonly level: number;
}

/** What a document holds besides the agents, and the agents as specs. */
export interface ParsedDocument {
  readonly instanceArn?: string;
  readonly identityManagementType?: string;
  readonly routingProfiles?: { [name: string]: string };
  readonly securityProfiles?: { [name: string]: string };
  readonly hierarchyGroups?: { [name: string]: string };
  /** The agents, each with its index in `users`. */
  readonly users: Array<{ spec: RosterUserSpec; index: number }>;
  /** Every problem of the document's shape, each with its JSON path. */
  readonly errors: string[];
}

type Json = unknown;
type DocKind = 'string' | 'boolean' | 'seconds' | 'number' | 'strings' | 'map' | { enum: readonly string[] } | { object: Fields };
type Fields = { [field: string]: { kind: DocKind; required?: boolean } };

/** A setting's kind in the document's JSON. */
const DOC_KINDS: { readonly [kind in Kind]?: DocKind } = {
  string: 'string',
  boolean: 'boolean',
  seconds: 'seconds',
  phoneType: { enum: PHONE_TYPE_VALUES },
  voiceEnhancementMode: { enum: VOICE_ENHANCEMENT_VALUES },
  reference: 'string',
  references: 'strings',
  tags: 'map',
  // Checked item by item (PROFICIENCY).
  proficiencies: 'number',
};

/** The settings a document user has a place for. */
const DOC_FIELDS: ReadonlyArray<Field & { json: string }> = FIELDS.filter((f): f is Field & { json: string } => has(f.json));

/** A user's fields, nested as the rows' `json` paths say (`channelSettings.voice.autoAccept`). */
const USER: Fields = {};
for (const f of DOC_FIELDS) {
  const parts = f.json.split('.');
  let fields = USER;
  for (const part of parts.slice(0, -1)) fields = ((fields[part] ??= { kind: { object: {} } }).kind as { object: Fields }).object;
  fields[parts[parts.length - 1]] = { kind: DOC_KINDS[f.kind]!, required: f.required };
}
const TOP: Fields = {
  $schema: { kind: 'string' },
  version: { kind: 'number' },
  instanceArn: { kind: 'string' },
  identityManagementType: { kind: { enum: ['CONNECT_MANAGED', 'SAML', 'EXISTING_DIRECTORY'] } },
  routingProfiles: { kind: 'map' },
  securityProfiles: { kind: 'map' },
  hierarchyGroups: { kind: 'map' },
  users: { kind: 'number', required: true }, // checked item by item below
};
const PROFICIENCY: Fields = {
  attributeName: { kind: 'string', required: true },
  attributeValue: { kind: 'string', required: true },
  level: { kind: 'number', required: true },
};

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks an object's members against `fields` (every JSON type problem, with its
 * path, into `errors`) and returns whether the object can be read. Evidence:
 * library (the document's format, roster.schema.json).
 */
function checkFields(path: string, v: Json, fields: Fields, skip: readonly string[], errors: string[]): v is Record<string, Json> {
  if (!isObject(v)) {
    errors.push(`${path}: is ${describe(v)}; expected an object`);
    return false;
  }
  const before = errors.length;
  for (const key of Object.keys(v)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) {
      errors.push(`${path}.${key}: is not a field of the roster document; expected one of ${Object.keys(fields).join(', ')}`);
    }
  }
  for (const [key, { kind, required }] of Object.entries(fields)) {
    const value = Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
    if (value === undefined) {
      if (required) errors.push(`${path}.${key}: missing`);
      continue;
    }
    if (skip.includes(key)) continue;
    checkKind(`${path}.${key}`, value, kind, errors);
  }
  return errors.length === before;
}

function checkKind(path: string, v: Json, kind: DocKind, errors: string[]): void {
  const bad = (expected: string) => errors.push(`${path}: is ${describe(v)}; expected ${expected}`);
  if (kind === 'string') {
    if (typeof v !== 'string') bad('a string');
  } else if (kind === 'boolean') {
    if (typeof v !== 'boolean') bad('true or false');
  } else if (kind === 'number') {
    if (typeof v !== 'number') bad('a number');
  } else if (kind === 'seconds') {
    // A Duration cannot be negative: the library cannot express the value (CloudFormation's minimum is 0 too).
    if (typeof v !== 'number' || v < 0) bad('a number of seconds, 0 or more');
  } else if (kind === 'strings') {
    if (!Array.isArray(v)) bad('an array of strings');
    else v.forEach((s, i) => typeof s !== 'string' && errors.push(`${path}[${i}]: is ${describe(s)}; expected a string`));
  } else if (kind === 'map') {
    if (!isObject(v)) bad('an object of strings');
    else for (const [k, s] of Object.entries(v)) if (typeof s !== 'string') errors.push(`${path}.${k}: is ${describe(s)}; expected a string`);
  } else if ('enum' in kind) {
    if (typeof v !== 'string' || !kind.enum.includes(v)) bad(`one of ${kind.enum.join(', ')}`);
  } else {
    checkFields(path, v, kind.object, [], errors);
  }
}

/**
 * Parses a roster document. Every problem of its JSON shape is returned, with
 * its path; a user with a problem is left out of `users` (the roster reports
 * the errors and makes nothing). Values are only converted here: the user's
 * checks judge them, as for typed specs.
 */
export function parseRosterDocument(text: string): ParsedDocument {
  let doc: Json;
  try {
    doc = parseJson(text);
  } catch (e) {
    // Line, column and the kind of mistake: never the text (JSON.parse's message quotes it, and a hand-edited
    // document may hold a secret there).
    return { users: [], errors: [`the JSON document cannot be parsed: ${(e as Error).message}`] };
  }
  const errors: string[] = [];
  if (!checkFields('document', doc, TOP, ['users'], errors) && !isObject(doc)) return { users: [], errors };
  const top = doc as Record<string, Json> & RosterDocument;
  if (top.version !== undefined && top.version !== 1) {
    errors.push(`document.version: is ${describe(top.version)}; expected 1`);
  }
  const users: Array<{ spec: RosterUserSpec; index: number }> = [];
  if (!Array.isArray(top.users)) {
    if (top.users !== undefined) errors.push(`document.users: is ${describe(top.users)}; expected an array`);
  } else {
    top.users.forEach((u: Json, index: number) => {
      const path = `users[${index}]`;
      const before = errors.length;
      if (!checkFields(path, u, USER, ['proficiencies'], errors)) {
        if (!isObject(u)) return;
      }
      const user = u as Record<string, Json>;
      const proficiencies = user.proficiencies;
      if (proficiencies !== undefined) {
        if (!Array.isArray(proficiencies)) errors.push(`${path}.proficiencies: is ${describe(proficiencies)}; expected an array`);
        else proficiencies.forEach((p, i) => checkFields(`${path}.proficiencies[${i}]`, p, PROFICIENCY, [], errors));
      }
      if (errors.length === before) users.push({ spec: userSpec(user), index });
    });
  }
  return {
    instanceArn: typeof top.instanceArn === 'string' ? top.instanceArn : undefined,
    identityManagementType: typeof top.identityManagementType === 'string' ? top.identityManagementType : undefined,
    routingProfiles: isObject(top.routingProfiles) ? top.routingProfiles as { [name: string]: string } : undefined,
    securityProfiles: isObject(top.securityProfiles) ? top.securityProfiles as { [name: string]: string } : undefined,
    hierarchyGroups: isObject(top.hierarchyGroups) ? top.hierarchyGroups as { [name: string]: string } : undefined,
    users,
    errors,
  };
}

/** A document user as a spec: each row's value, converted as the options take it (seconds, proficiencies). */
function userSpec(u: Record<string, Json>): RosterUserSpec {
  return specOf(DOC_FIELDS.map(f => [f, fromJson(f, valueAt(u, f.json))] as const));
}

/** The value at a dotted path of plain JSON objects. */
function valueAt(o: Record<string, Json>, path: string): Json {
  let v: Json = o;
  for (const part of path.split('.')) v = isObject(v) ? v[part] : undefined;
  return v;
}
