/**
 * What every rule file shares. Each rule in `src/private/rules/` carries a
 * one-line source and its evidence level:
 * - schema: the AWS::Connect::User registry schema (as carried by cfn-lint) rejects it;
 * - model: the Amazon Connect API model (the Smithy model the SDKs ship) rejects it;
 * - observed: a real deployment, an acceptance test that runs against AWS, or AWS's own
 *   CloudFormation handler shows that it fails (cited beside the rule);
 * - documented: only AWS's prose says so. Such a rule raises a synth warning, never an error;
 * - library: not an AWS rule, but inputs of this library that contradict each other or that
 *   it cannot render (an error, so that nothing is silently dropped).
 * Every rule skips values that are unresolved tokens.
 */
import { Token } from 'aws-cdk-lib';
import { show } from '../problems';

export { Problems, show } from '../problems';

/** An evidence level, as above. */
export type Evidence = 'schema' | 'model' | 'observed' | 'documented' | 'library';

/**
 * Whether a value is (or contains) an unresolved token: CDK's own test (`Token.isUnresolved`), after a quick look
 * that clears most literals without it. A string that holds a token holds `{Token[` (the markers `${Token[` and
 * `#{Token[`) or a number token written as text, `-1.<digits>e+289` (`STRINGIFIED_NUMBER_PATTERN`); a number token
 * is a double from about -1.95e289 to -1.88e289 (high bits 0xFBFF): aws-cdk-lib `core/lib/private/encoding.ts`,
 * 2.239. Evidence: library. A user is checked and scanned through this some 40 times, at thousands of users a roster.
 */
export function isToken(v: unknown): boolean {
  if (typeof v === 'string') return (v.includes('{Token[') || v.includes('e+289')) && Token.isUnresolved(v);
  if (typeof v === 'number') return !(v > -1e288) && Token.isUnresolved(v);
  return Token.isUnresolved(v);
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The length of a string in Unicode code points, as the registry schema (JSON
 * Schema) and the API model (Smithy: Unicode scalar values) count it, not in
 * UTF-16 code units as `.length` does.
 */
export function codePoints(s: string): number {
  if (ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Whether a string is only ASCII (always in Unicode NFC, so never normalized). */
export const isAscii = (s: string): boolean => ASCII.test(s);

/**
 * Whether text holds an SSM SecureString dynamic reference. Evidence: schema (cfn-lint E1027):
 * CloudFormation resolves them only in a fixed list of resource properties, none of AWS::Connect::User's.
 */
export const hasSsmSecureReference = (text: string): boolean => text.includes('{{resolve:ssm-secure:');

/** The keys of the per-channel settings, as `UserChannelSettings` names them. */
export const CHANNEL_KEYS = ['voice', 'chat', 'task', 'email'] as const;

/**
 * A value of the wrong type, as an error message names it after `is`: `missing`, `the string 'x'`,
 * `the number 5`, `an object`, … (never a function's source, never a quoted 'undefined').
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string': return `the string ${show(v)}`;
    case 'bigint': return `the bigint ${v}n`;
    case 'function': return 'a function';
    case 'object': return 'an object';
    default: return `the ${typeof v} ${String(v)}`;
  }
}

/** Whether `value` is one of an enum's values (for what JavaScript callers may pass). */
export function isEnumValue(enumObject: object, value: unknown): boolean {
  return typeof value === 'string' && (Object.values(enumObject) as unknown[]).includes(value);
}
