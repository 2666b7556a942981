/** Rules of the tags (the tags prop and `Tags.of()`). See common.ts for the evidence levels. */
import { codePoints, hasSsmSecureReference, isToken, Problems, show } from './common';

// Evidence: schema and model. The schema's Tag Key pattern ^(?!aws:)[a-zA-Z+-=._:/]+$ (where +-= is the
// range + , - . / 0-9 : ; < =) intersected with the model's TagKey ^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$:
// ASCII letters, digits and + - = . _ : /. A character outside it is rejected by one of the two.
const TAG_KEY = /^[a-zA-Z0-9+\-=._:/]+$/;
// Evidence: schema and model. Tags maxItems 50; TagMap max 50.
export const MAX_TAGS = 50;

/** The number of a user's tags (from the tags property and Tags.of()). */
export function checkTagCount(p: Problems, count: number): void {
  if (count > MAX_TAGS) {
    p.add('tags', `${count} tags (from the tags property and Tags.of()); expected at most ${MAX_TAGS}`);
  }
}

/** One tag's key and value. */
export function checkTag(p: Problems, key: string, value: string): void {
  if (!isToken(key)) {
    // Evidence: schema and model. Tag Key minLength 1, maxLength 128.
    const length = codePoints(key);
    if (length < 1 || length > 128) {
      p.add(`tags.${key}`, `key ${show(key)} is ${length} characters long; expected 1-128`);
    }
    // Evidence: schema and model. (?!aws:): the aws: prefix is reserved for AWS.
    if (key.startsWith('aws:')) {
      p.add(`tags.${key}`, `key ${show(key)} starts with the reserved prefix 'aws:'; expected any other key`);
    } else if (length > 0 && !TAG_KEY.test(key)) {
      p.add(`tags.${key}`, `key ${show(key)} has characters CloudFormation or Amazon Connect rejects; expected letters, digits and + - = . _ : / (no spaces)`);
    }
  }
  // Evidence: schema (cfn-lint E1027), see hasSsmSecureReference.
  if (!isToken(value) && hasSsmSecureReference(value)) {
    p.add(`tags.${key}`, 'value is an SSM SecureString dynamic reference, which CloudFormation does not resolve here; expected the value itself');
  }
  // Evidence: schema and model. Tag Value maxLength 256.
  if (!isToken(value) && codePoints(value) > 256) {
    p.add(`tags.${key}`, `value ${show(value)} is ${codePoints(value)} characters long; expected at most 256`);
  }
}
