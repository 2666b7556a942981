/**
 * Every validation rule of the library, each with a one-line note of where it
 * comes from. Sources:
 * - "schema": the AWS::Connect::User registry schema (as carried by cfn-lint).
 * - "API": the Amazon Connect API reference (CreateUser, UserIdentityInfo,
 *   UserPhoneConfig, UserProficiency, TagResource).
 * - "CFN": CloudFormation behaviour and quotas.
 *
 * Every rule skips values that are unresolved tokens.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { ConnectArnParts, ConnectResourceType, expectedArnShape, parseConnectArn } from './arn';
import { Problems, show } from './problems';
import { IdentityManagementType } from '../identity';

const isToken = (v: unknown): boolean => Token.isUnresolved(v);

// Source: schema Username pattern [a-zA-Z0-9\_\-\.\@]+ (unanchored in the schema, so "john doe" passes
// cfn-lint; anchored here as the API reference's description of the allowed characters intends).
const USERNAME_CHARS = /^[a-zA-Z0-9_\-.@]+$/;
// Source: API CreateUser Username: "can include @ only if used in an email format" (testuser@example is wrong).
const EMAIL_USERNAME = /^[a-zA-Z0-9_\-.]+@[a-zA-Z0-9\-]+(\.[a-zA-Z0-9\-]+)*\.[a-zA-Z]{2,}$/;

/** The longest username Amazon Connect accepts for an identity-management type. */
export function maxUsernameLength(type: IdentityManagementType | undefined): number {
  // Source: API CreateUser Username: "For instances not using SAML ... up to 20 characters. If you are
  // using SAML ... up to 64 characters". Unknown type: schema Username maxLength 64.
  return type === undefined || type === IdentityManagementType.SAML ? 64 : 20;
}

export function checkUsername(p: Problems, username: string, type: IdentityManagementType | undefined): void {
  if (isToken(username)) return;
  const max = maxUsernameLength(type);
  const why = type === undefined ? 'registry schema' : `API CreateUser, ${type} identity management`;
  if (username.length < 1 || username.length > max) {
    p.add('username', `${show(username)} is ${username.length} characters long; expected 1-${max} (${why})`);
  }
  if (username.length > 0 && !USERNAME_CHARS.test(username)) {
    const bad = [...new Set([...username].filter(c => !/[a-zA-Z0-9_\-.@]/.test(c)))].map(c => JSON.stringify(c)).join(', ');
    p.add('username', `${show(username)} contains ${bad}; expected only letters a-z A-Z, digits and _ - . @`);
  } else if (username.includes('@') && !EMAIL_USERNAME.test(username)) {
    p.add('username', `${show(username)} contains '@' but is not an email address; expected '@' only in an email-shaped username such as jane@example.com (API CreateUser)`);
  }
}

// Source: API UserPhoneConfig DeskPhoneNumber / UserIdentityInfo Mobile pattern \+[1-9]\d{1,14}$ (E.164);
// schema Mobile ^\+[1-9]\d{1,14}$.
const E164 = /^\+[1-9]\d{1,14}$/;

export function checkE164(p: Problems, path: string, value: string): void {
  if (isToken(value)) return;
  if (!E164.test(value)) {
    p.add(path, `${show(value)} is not an E.164 phone number; expected '+' then 2-15 digits, the first not 0, such as +15555550100`);
  }
}

// Source: API UserPhoneConfig AfterContactWorkTimeLimit: "minimum value of 0 and a maximum value of
// 2,000,000 seconds"; schema: integer, minimum 0.
export const MAX_AFTER_CONTACT_WORK_SECONDS = 2_000_000;

export function checkAfterContactWork(p: Problems, path: string, d: Duration | undefined): void {
  if (d === undefined) return;
  if (d.isUnresolved()) {
    if (d.unitLabel() !== 'seconds') {
      p.add(path, `a token duration in ${d.unitLabel()} cannot be converted to seconds; expected Duration.seconds(token)`);
    }
    return;
  }
  const seconds = d.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds > MAX_AFTER_CONTACT_WORK_SECONDS) {
    p.add(path, `${seconds} seconds is not a whole number of seconds from 0 to ${MAX_AFTER_CONTACT_WORK_SECONDS.toLocaleString('en-US')}`);
  }
}

export function checkProficiencyLevel(p: Problems, path: string, level: number): void {
  if (isToken(level)) return;
  // Source: API UserProficiency Level: "The valid values are 1, 2, 3, 4 and 5"; schema Level 1-5.
  if (!Number.isInteger(level) || level < 1 || level > 5) {
    p.add(path, `${level} is not a proficiency level; expected a whole number from 1 to 5`);
  }
}

export function checkProficiencyAttribute(p: Problems, path: string, value: string): void {
  if (isToken(value)) return;
  // Source: schema UserProficiency AttributeName/AttributeValue 1-64 (the API allows 100; CloudFormation 64).
  if (value.length < 1 || value.length > 64) {
    p.add(path, `${show(value)} is ${value.length} characters long; expected 1-64`);
  }
}

/** One proficiency as the rules see it. */
export interface ProficiencyEntry {
  readonly attributeName: string;
  readonly attributeValue: string;
}

export function checkProficiencyDuplicates(p: Problems, entries: ProficiencyEntry[]): void {
  // Source: API AssociateUserProficiencies / CFN handler: a user holds one level per attribute name and value.
  const seen = new Set<string>();
  for (const e of entries) {
    if (isToken(e.attributeName) || isToken(e.attributeValue)) continue;
    const key = `${e.attributeName}\u0000${e.attributeValue}`;
    if (seen.has(key)) {
      p.add('proficiencies', `${show(`${e.attributeName}=${e.attributeValue}`)} is listed more than once; expected one level per attribute name and value`);
    }
    seen.add(key);
  }
}

export function checkSecurityProfileArns(p: Problems, arns: string[]): void {
  // Source: schema SecurityProfileArns minItems 1, maxItems 10; API CreateUser SecurityProfileIds 1-10.
  if (arns.length < 1 || arns.length > 10) {
    p.add('securityProfiles', `${arns.length} given; expected 1-10 security profiles`);
  }
  // Source: schema SecurityProfileArns uniqueItems.
  if (arns.length < 2) return;
  const seen = new Set<string>();
  for (const arn of arns) {
    if (seen.has(arn)) {
      p.add('securityProfiles', `${isToken(arn) ? 'the same referenced security profile' : show(arn)} is listed more than once; expected each at most once`);
    }
    seen.add(arn);
  }
}

/**
 * Checks the shape of a literal ARN of a Connect resource type.
 *
 * @returns the ARN's parts when it is a literal of the right shape.
 */
export function checkArn(p: Problems, path: string, arn: string, type: ConnectResourceType): ConnectArnParts | undefined {
  if (isToken(arn)) return undefined;
  // Source: schema InstanceArn / RoutingProfileArn / SecurityProfileArn / HierarchyGroupArn / UserArn patterns.
  const parts = parseConnectArn(arn, type);
  if (!parts) {
    p.add(path, `${show(arn)} is not an Amazon Connect ${type} ARN; expected ${expectedArnShape(type)}`);
  }
  return parts;
}

/**
 * Checks a literal ARN given to an import, throwing a validation error that
 * names `subject` and `property` when it has the wrong shape.
 *
 * @returns the ARN's parts, or `undefined` for a token.
 */
export function parseArnOrThrow(arn: string, type: ConnectResourceType, subject: string, property: string): ConnectArnParts | undefined {
  const p = new Problems();
  const parts = checkArn(p, property, arn, type);
  p.throwIfAny(subject);
  return parts;
}

// Source: schema SecondaryEmail pattern (?=^.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63},
// anchored here (the schema's is not, so it would accept "x a@b.co").
const SECONDARY_EMAIL = /^(?=.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;

/** Identity information as the rules see it. */
export interface IdentityInfoFields {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly secondaryEmail?: string;
  readonly mobile?: string;
}

const ASCII = /^[\x00-\x7f]*$/;

function checkName(p: Problems, path: string, value: string | undefined, max: number, required: boolean, why: string): void {
  if (value === undefined || isToken(value)) {
    if (value === undefined && required) {
      p.add(path, `missing; expected a name of 1-${max} characters (${why})`);
    }
    return;
  }
  const min = required ? 1 : 0;
  if (value.length < min || value.length > max) {
    p.add(path, `${show(value)} is ${value.length} characters long; expected ${min}-${max} (${why})`);
  }
  // Source: API UserIdentityInfo FirstName/LastName: "Inputs must be in Unicode Normalization Form C (NFC)".
  // ASCII text is always in NFC, so only other text is normalized (names by the thousand in a roster).
  if (!ASCII.test(value) && value.normalize('NFC') !== value) {
    p.add(path, `${show(value)} is not in Unicode Normalization Form C; expected name.normalize('NFC') (API UserIdentityInfo)`);
  }
}

export function checkIdentityInfo(p: Problems, info: IdentityInfoFields | undefined, type: IdentityManagementType | undefined): void {
  const i = info ?? {};
  // Source: API CreateUser: "FirstName and LastName are required if you are using Amazon Connect or SAML".
  const namesRequired = type === IdentityManagementType.CONNECT_MANAGED || type === IdentityManagementType.SAML;
  // Source: API UserIdentityInfo: CONNECT_MANAGED 1-255 / 1-256; otherwise schema FirstName 0-255, LastName 0-300.
  const lastMax = type === IdentityManagementType.CONNECT_MANAGED ? 256 : 300;
  const why = type ? `${type} identity management` : 'registry schema';
  checkName(p, 'identityInfo.firstName', i.firstName, 255, namesRequired, why);
  checkName(p, 'identityInfo.lastName', i.lastName, lastMax, namesRequired, why);
  // Source: API CreateUser (2024 and later text): "Email is required if you are using SAML for identity management".
  if (type === IdentityManagementType.SAML && i.email === undefined) {
    p.add('identityInfo.email', 'missing; expected an email address (API CreateUser, SAML identity management)');
  }
  if (i.secondaryEmail !== undefined && !isToken(i.secondaryEmail) && !SECONDARY_EMAIL.test(i.secondaryEmail)) {
    p.add('identityInfo.secondaryEmail', `${show(i.secondaryEmail)} is not an email address; expected name@domain.tld of at most 265 characters (registry schema SecondaryEmail)`);
  }
  if (i.mobile !== undefined) {
    checkE164(p, 'identityInfo.mobile', i.mobile);
  }
}

/** What the identity-management rules need to know about a user. */
export interface IdentityRequirementFields {
  readonly type: IdentityManagementType | undefined;
  readonly hasPassword: boolean;
  readonly directoryUserId?: string;
  /** The user is adopted (imported), not created: no CreateUser call, so no password is needed. */
  readonly adopted?: boolean;
}

export function checkIdentityRequirements(p: Problems, f: IdentityRequirementFields): void {
  if (f.type === undefined) return;
  // Source: API CreateUser Password: "A password is required if you are using Amazon Connect for identity
  // management. Otherwise, it is an error to include a password."
  // An adopted user is imported, not created, and CloudFormation cannot import the write-only password.
  if (f.type === IdentityManagementType.CONNECT_MANAGED && !f.hasPassword && !f.adopted) {
    p.add('password', 'missing; expected a password for a CONNECT_MANAGED instance (API CreateUser)');
  }
  if (f.type !== IdentityManagementType.CONNECT_MANAGED && f.hasPassword) {
    p.add('password', `set, but a ${f.type} instance does not take passwords; expected none (API CreateUser)`);
  }
  // Source: API CreateUser DirectoryUserId: "If you are using SAML for identity management and include this
  // parameter, an error is returned."
  if (f.type === IdentityManagementType.SAML && f.directoryUserId !== undefined) {
    p.add('directoryUserId', `${show(f.directoryUserId)} is set, but a SAML instance does not take one; expected none (API CreateUser)`);
  }
}

/**
 * Checks how a password reaches the template, from its resolved form.
 * The value itself is never shown.
 */
export function checkPasswordReference(p: Problems, resolved: unknown): void {
  // Source: CloudFormation "Get values from dynamic references": ssm-secure references work only in a
  // fixed list of resource properties, which AWS::Connect::User Password is not in (cfn-lint E1027).
  if (JSON.stringify(resolved ?? null).includes('{{resolve:ssm-secure:')) {
    p.add('password', 'is an SSM SecureString reference (SecretValue.ssmSecure), which CloudFormation does not resolve for AWS::Connect::User; expected SecretValue.secretsManager()');
  }
}

// Source: schema Password pattern ^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$ (same in the API).
const PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/;

/** Checks a plaintext password. The value never appears in the message. */
export function checkPlaintextPassword(p: Problems, password: string): void {
  if (!PASSWORD.test(password)) {
    p.add('password', `the plaintext password (${password.length} characters, value not shown) does not meet Amazon Connect's policy; expected 8-64 characters without spaces, with a lowercase letter, an uppercase letter and a digit`);
  }
}

// Source: schema Tag Key pattern ^(?!aws:)[a-zA-Z+-=._:/]+$ intersected with the API TagKey pattern
// ^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$: ASCII letters, digits and + - = . _ : /.
const TAG_KEY = /^[a-zA-Z0-9+\-=._:/]+$/;
// Source: schema Tags maxItems 50; API TagMap max 50.
export const MAX_TAGS = 50;

/** Checks the number of a user's tags (from the tags property and Tags.of()). */
export function checkTagCount(p: Problems, count: number): void {
  if (count > MAX_TAGS) {
    p.add('tags', `${count} tags (from the tags property and Tags.of()); expected at most ${MAX_TAGS}`);
  }
}

/** Checks one tag's key and value. */
export function checkTag(p: Problems, key: string, value: string): void {
  if (!isToken(key)) {
    // Source: schema Tag Key minLength 1, maxLength 128.
    if (key.length < 1 || key.length > 128) {
      p.add(`tags.${key}`, `key ${show(key)} is ${key.length} characters long; expected 1-128`);
    }
    // Source: schema Tag Key (?!aws:) - the aws: prefix is reserved for AWS.
    if (key.startsWith('aws:')) {
      p.add(`tags.${key}`, `key ${show(key)} starts with the reserved prefix 'aws:'; expected any other key`);
    } else if (key.length > 0 && !TAG_KEY.test(key)) {
      p.add(`tags.${key}`, `key ${show(key)} has characters CloudFormation rejects; expected letters, digits and + - = . _ : / (no spaces)`);
    }
  }
  // Source: schema Tag Value maxLength 256.
  if (!isToken(value) && value.length > 256) {
    p.add(`tags.${key}`, `value ${show(value)} is ${value.length} characters long; expected at most 256`);
  }
}
