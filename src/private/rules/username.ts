/** Rules of the username. See common.ts for the evidence levels. */
import { IConstruct } from 'constructs';
import { codePoints, isToken, Problems, show } from './common';
import { claimUsername } from '../registry';

// Evidence: schema. Username minLength 1, maxLength 64 (lengths in code points). The API model allows
// 1-100. The CreateUser prose cap of 20 on CONNECT_MANAGED / EXISTING_DIRECTORY instances is contradicted
// by Terraform's aws_connect_user acceptance tests (42-43 character usernames on CONNECT_MANAGED), so
// the library does not apply it.
export const MAX_USERNAME = 64;

// Evidence: schema. Username pattern [a-zA-Z0-9\_\-\.\@]+, unanchored: a username must contain at least
// one of these characters.
const SCHEMA_USERNAME = /[a-zA-Z0-9_\-.@]/;
// Evidence: documented. The same characters for the whole username (the pattern as the CreateUser
// reference shows it, read anchored); other characters are a warning.
const USERNAME_CHARS = /^[a-zA-Z0-9_\-.@]+$/;
// An email shape: one '@', something before it, and a domain with a dot after it (API CreateUser's examples:
// testuser@example.com is correct, testuser@example is not).
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;

export function checkUsername(p: Problems, username: string): void {
  if (isToken(username)) return;
  const length = codePoints(username);
  if (length < 1 || length > MAX_USERNAME) {
    p.add('username', `${show(username)} is ${length} characters long; expected 1-${MAX_USERNAME} (registry schema Username)`);
    if (length < 1) return;
  }
  if (!SCHEMA_USERNAME.test(username)) {
    p.add('username', `${show(username)} has none of the characters the registry schema requires; expected letters a-z A-Z, digits and _ - . @`);
  } else if (!USERNAME_CHARS.test(username)) {
    const bad = [...new Set([...username].filter(c => !SCHEMA_USERNAME.test(c)))].map(c => JSON.stringify(c)).join(', ');
    p.warn('usernameCharacters', 'username', `${show(username)} contains ${bad}; Amazon Connect documents only letters a-z A-Z, digits and _ - . @ (API CreateUser)`);
  }
}

/**
 * A username to be created with '@' outside an email shape: a warning, except on SAML instances.
 * Evidence: documented. API CreateUser Username: "can include @ only if used in an email format"
 * (Correct: testuser@example.com; Incorrect: testuser@example). On SAML instances the prose is
 * contradicted: Salesforce Service Cloud Voice provisions SAML users named like
 * 006Ah000000JK7E@00DAu000000f110, even with two '@' (service-cloud-voice/ServiceCloudVoiceLambdas
 * issue 41: users made that way exist). On the other types, and when the type is unknown, nothing
 * contradicts it. An adopted user exists already, so Amazon Connect took its name: not checked.
 */
export function checkUsernameAt(p: Problems, username: string, identityType: string | undefined, adopted: boolean | undefined): void {
  if (adopted || identityType === 'SAML' || isToken(username) || !username.includes('@') || EMAIL_SHAPE.test(username)) return;
  p.warn('usernameAt', 'username', `${show(username)} has '@' outside an email shape (name@domain.tld); the API reference allows '@' in a username `
    + `only in an email format${identityType === undefined ? ' (the identity-management type is unknown; SAML instances take such names)' : ` on ${identityType} instances`}`);
}

/**
 * Claims the username in its instance for `holder`: an exact duplicate is an
 * error, one that differs only in case a warning. One map lookup: no scan of the app.
 * With `id`, the holder is `holder`'s child of that id, not made yet.
 *
 * @param instanceKey the instance the user belongs to (see instance.ts)
 */
export function checkUniqueUsername(p: Problems, holder: IConstruct, instanceKey: string, username: string, root: IConstruct, id?: string): void {
  if (isToken(username)) return;
  const other = claimUsername(holder, instanceKey, username, root, id);
  if (other === undefined) return;
  if (other.username === username) {
    // Evidence: model. CreateUser declares DuplicateResourceException ("A resource with the specified name
    // already exists"); the CloudFormation handler turns it into AlreadyExists.
    p.add('username', `${show(username)} is already used in the same instance by '${other.path}'; expected a username unique in the instance`);
  } else {
    // Evidence: documented. Amazon Connect's admin guide treats sign-in names without regard to case.
    p.warn('usernameCase', 'username', `${show(username)} differs only in case from ${show(other.username)} of '${other.path}' in the same instance; Amazon Connect may treat them as the same sign-in name`);
  }
}
