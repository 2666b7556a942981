/** Rules of the password. See common.ts for the evidence levels. The value never appears in a message. */
import { hasSsmSecureReference, isToken, Problems } from './common';
import { IdentityManagementType } from '../../identity';

/** How a user's password is given, as the rules see it. */
export interface PasswordFields {
  readonly type: IdentityManagementType | undefined;
  /** A password is given or generated. */
  readonly hasPassword: boolean;
  /** The user is adopted (imported), not created: no CreateUser call, so no password is needed. */
  readonly adopted?: boolean;
}

export function checkPasswordPresence(p: Problems, f: PasswordFields): void {
  if (f.type === undefined) return;
  // Evidence: documented. API CreateUser Password: "A password is required if you are using Amazon Connect
  // for identity management. Otherwise, it is an error to include a password." An adopted user is imported,
  // not created, so it needs none.
  if (f.type === IdentityManagementType.CONNECT_MANAGED && !f.hasPassword && !f.adopted) {
    p.warn('passwordRequired', 'password', 'missing; the API reference documents a password as required on CONNECT_MANAGED instances (set password: UserPassword.fromSecret() or UserPassword.generate())');
  }
  if (f.type !== IdentityManagementType.CONNECT_MANAGED && f.hasPassword) {
    p.warn('passwordNotAllowed', 'password', `set on a ${f.type} instance; the API reference says Amazon Connect returns an error for a password there`);
  }
}

/**
 * Checks how a password reaches the template, from its resolved form.
 */
export function checkPasswordReference(p: Problems, resolved: unknown): void {
  // Evidence: schema (cfn-lint E1027), see hasSsmSecureReference.
  if (hasSsmSecureReference(JSON.stringify(resolved ?? null))) {
    p.add('password', 'is an SSM SecureString reference (SecretValue.ssmSecure), which CloudFormation does not resolve for AWS::Connect::User; expected SecretValue.secretsManager()');
  }
}

/**
 * An SSM SecureString reference in any other string property: CloudFormation does
 * not resolve them there either. `resolve` gives a token's CloudFormation form.
 */
export function checkSecureReferenceElsewhere(p: Problems, path: string, value: string, resolve: (v: string) => unknown): void {
  // Evidence: schema (cfn-lint E1027), see hasSsmSecureReference.
  const text = isToken(value) ? JSON.stringify(resolve(value) ?? null) : value;
  if (hasSsmSecureReference(text)) {
    p.add(path, 'is an SSM SecureString dynamic reference, which CloudFormation does not resolve in AWS::Connect::User; expected the value itself, or a Secrets Manager reference');
  }
}

// Evidence: schema and model. Password ^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$, matched by code
// point (the u flag), as JSON Schema and Smithy count characters.
const PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/u;

/** Checks a plaintext password. The value never appears in the message. */
export function checkPlaintextPassword(p: Problems, password: string): void {
  if (!PASSWORD.test(password)) {
    p.add('password', `the plaintext password (${[...password].length} characters, value not shown) does not meet Amazon Connect's policy; expected 8-64 characters without spaces, with a lowercase letter, an uppercase letter and a digit (registry schema Password)`);
  }
}
