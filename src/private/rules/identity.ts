/** Rules of the identity-management type and the identity information. See common.ts for the evidence levels. */
import { CfnResource } from 'aws-cdk-lib';
import { IInstanceRef } from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { codePoints, describeValue, isAscii, isEnumValue, isToken, Problems, show } from './common';
import { IdentityManagementType } from '../../identity';

/** Identity information as the rules see it. */
export interface IdentityInfoFields {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly secondaryEmail?: string;
  readonly mobile?: string;
}

/**
 * An identity-management type as a JavaScript caller may pass it (a prop, an import's attribute):
 * nothing, or one of the enum's values. Returns whether it is.
 * Evidence: library. Another value ('saml') would switch the rules that depend on the type off.
 */
export function checkIdentityTypeValue(p: Problems, path: string, value: unknown): value is IdentityManagementType | undefined {
  if (value === undefined || isEnumValue(IdentityManagementType, value)) return true;
  p.add(path, `${typeof value === 'string' ? show(value) : describeValue(value)} is not an identity-management type; `
    + `expected one of ${Object.values(IdentityManagementType).join(', ')}`);
  return false;
}

/**
 * The identity-management type from the prop and from the instance, reporting a
 * conflict, a value that is not a type, and (once per instance reference) a type
 * that cannot be known.
 */
export function resolveIdentityType(
  p: Problems, instance: IInstanceRef, explicit: IdentityManagementType | undefined,
): IdentityManagementType | undefined {
  if (!checkIdentityTypeValue(p, 'identityManagementType', explicit)) return undefined;
  const inferred = inferIdentityType(instance);
  // Evidence: library. The prop and the CfnInstance (or import) in the app say different things.
  if (explicit !== undefined && inferred !== undefined && explicit !== inferred) {
    p.add('identityManagementType', `${explicit} conflicts with the instance's ${inferred}; expected ${inferred} or unset`);
  }
  const type = explicit ?? inferred;
  if (type === undefined) {
    // Evidence: library. Without the type, the identity rules (password, names, directory user id) are off.
    p.warn('identityTypeUnknown', 'identityManagementType',
      'unknown, so the rules that depend on it (password, names, directory user id) are not checked for the users of this instance; '
      + 'state it with ConnectInstance.fromInstanceAttributes({ instanceArn, identityManagementType }) or the identityManagementType prop',
      Construct.isConstruct(instance) ? instance : undefined);
  }
  return type;
}

function inferIdentityType(instance: IInstanceRef): IdentityManagementType | undefined {
  let value: unknown;
  if (CfnResource.isCfnResource(instance) && instance.cfnResourceType === 'AWS::Connect::Instance') {
    value = (instance as unknown as { identityManagementType?: unknown }).identityManagementType;
  } else {
    // An IConnectInstance (references.ts) states it; read by shape, as rules import no public module.
    value = (instance as { identityManagementType?: unknown }).identityManagementType;
  }
  return isEnumValue(IdentityManagementType, value) ? value as IdentityManagementType : undefined;
}

// Evidence: schema. SecondaryEmail pattern (?=^.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}
// as written: its lookahead anchors the start and bounds the length, the end is open.
const SCHEMA_SECONDARY_EMAIL = /(?=^.{0,265}$)[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}/;
// Evidence: documented. API UserIdentityInfo SecondaryEmail is "the user's secondary email address":
// text after the address is a warning.
const WHOLE_SECONDARY_EMAIL = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,63}$/;
// Evidence: schema. Mobile ^\+[1-9]\d{1,14}$ (E.164).
const MOBILE = /^\+[1-9]\d{1,14}$/;

/** The names, email addresses and mobile number. */
export function checkIdentityInfo(p: Problems, info: IdentityInfoFields | undefined, type: IdentityManagementType | undefined): void {
  const i = info ?? {};
  // Evidence: documented. API CreateUser: "FirstName and LastName are required if you are using Amazon
  // Connect or SAML for identity management".
  const namesRequired = type === IdentityManagementType.CONNECT_MANAGED || type === IdentityManagementType.SAML;
  checkName(p, 'identityInfo.firstName', i.firstName, 255, namesRequired, type);
  checkName(p, 'identityInfo.lastName', i.lastName, 300, namesRequired, type);
  // Evidence: documented. API UserIdentityInfo LastName: 1-256 characters on CONNECT_MANAGED (the schema
  // and the model allow 300).
  if (type === IdentityManagementType.CONNECT_MANAGED && i.lastName !== undefined && !isToken(i.lastName) && codePoints(i.lastName) > 256) {
    p.warn('lastNameLength', 'identityInfo.lastName', `${show(i.lastName)} is ${codePoints(i.lastName)} characters long; the API reference documents at most 256 on CONNECT_MANAGED instances`);
  }
  // Evidence: documented, both ways. API UserIdentityInfo Email: "If you are using SAML for identity
  // management and include this parameter, an error is returned", while CreateUser says it is required on
  // SAML. The public threads cited beside it (re-read 2026-12-03) show the admin website offering no Email field
  // on SAML instances (voicemail-for-amazon-connect #22; voicemail-express-amazon-connect #30: "Connect does not
  // allow you to define the 'Email' attribute"), not an API that refuses one. A warning when set.
  if (type === IdentityManagementType.SAML && i.email !== undefined) {
    p.warn('samlEmail', 'identityInfo.email', 'is set on a SAML instance; the API reference says both that SAML users need an email and that setting one is an error, and the admin website offers no Email field there');
  }
  const secondary = i.secondaryEmail;
  if (secondary !== undefined && !isToken(secondary)) {
    if (!SCHEMA_SECONDARY_EMAIL.test(secondary)) {
      p.add('identityInfo.secondaryEmail', `${show(secondary)} is not an email address; expected name@domain.tld of at most 265 characters (registry schema SecondaryEmail)`);
    } else if (!WHOLE_SECONDARY_EMAIL.test(secondary)) {
      p.warn('secondaryEmailShape', 'identityInfo.secondaryEmail', `${show(secondary)} has text after the email address; the registry schema accepts it, but Amazon Connect documents an email address`);
    }
  }
  if (i.mobile !== undefined && !isToken(i.mobile) && !MOBILE.test(i.mobile)) {
    p.add('identityInfo.mobile', `${show(i.mobile)} is not an E.164 phone number; expected '+' then 2-15 digits, the first not 0, such as +15555550100 (registry schema Mobile)`);
  }
}

function checkName(
  p: Problems, path: string, value: string | undefined, max: number, required: boolean, type: IdentityManagementType | undefined,
): void {
  if (value !== undefined && isToken(value)) return;
  if (required && (value === undefined || value.length === 0)) {
    p.warn('nameRequired', path, `${value === undefined ? 'missing' : 'empty'}; the API reference documents first and last names as required on ${type} instances`);
  }
  if (value === undefined) return;
  // Evidence: schema. FirstName maxLength 255, LastName maxLength 300 (the API model agrees).
  const length = codePoints(value);
  if (length > max) {
    p.add(path, `${show(value)} is ${length} characters long; expected at most ${max} (registry schema)`);
  }
  // Evidence: documented. API UserIdentityInfo FirstName/LastName: "Inputs must be in Unicode
  // Normalization Form C (NFC)". ASCII text is always in NFC, so only other text is normalized.
  if (!isAscii(value) && value.normalize('NFC') !== value) {
    p.warn('nameNotNfc', path, `${show(value)} is not in Unicode Normalization Form C; the API reference asks for name.normalize('NFC')`);
  }
}

/** What the identity-management rules need to know about a user. */
export interface DirectoryUserFields {
  readonly type: IdentityManagementType | undefined;
  readonly directoryUserId?: string;
}

export function checkDirectoryUserId(p: Problems, f: DirectoryUserFields): void {
  // Evidence: documented. API CreateUser DirectoryUserId: "If you are using SAML for identity management
  // and include this parameter, an error is returned."
  if (f.type === IdentityManagementType.SAML && f.directoryUserId !== undefined) {
    p.warn('samlDirectoryUserId', 'directoryUserId', `${show(f.directoryUserId)} is set on a SAML instance; the API reference says Amazon Connect returns an error for it`);
  }
}
