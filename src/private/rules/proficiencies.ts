/** Rules of the proficiencies. See common.ts for the evidence levels. */
import { codePoints, isToken, Problems, show } from './common';

/** One proficiency as the rules see it (a `UserProficiency`, or what a JavaScript caller passed). */
export interface ProficiencyFields {
  readonly attributeName: string;
  readonly attributeValue: string;
  readonly level: { readonly levelValue: number };
}

/** An attribute name or value. */
export function checkProficiencyAttribute(p: Problems, path: string, value: unknown): void {
  if (isToken(value)) return;
  // Evidence: schema. UserProficiency AttributeName / AttributeValue minLength 1, maxLength 64 (the API
  // model allows 100; CloudFormation's schema is the stricter).
  const length = typeof value === 'string' ? codePoints(value) : -1;
  if (length < 1 || length > 64) {
    p.add(path, `${show(value)} is ${length < 0 ? 'not a string' : `${length} characters long`}; expected 1-64 characters (registry schema UserProficiency)`);
  }
}

/** A proficiency level. */
export function checkProficiencyLevel(p: Problems, path: string, level: unknown): void {
  if (isToken(level)) return;
  // Evidence: schema and model. Level: a number from 1 to 5 (the model's ProficiencyLevel is a float).
  if (typeof level !== 'number' || !(level >= 1 && level <= 5)) {
    p.add(path, `${show(level)} is not a proficiency level; expected a number from 1 to 5 (registry schema Level)`);
  } else if (!Number.isInteger(level)) {
    // Evidence: documented. API UserProficiency Level: "The valid values are 1, 2, 3, 4 and 5".
    p.warn('proficiencyLevel', path, `${level} is not a whole number; the API reference documents the levels 1, 2, 3, 4 and 5`);
  }
}

/** Every proficiency's fields, and that no attribute value is listed twice. */
export function checkProficiencies(p: Problems, entries: readonly ProficiencyFields[]): void {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    checkProficiencyAttribute(p, `proficiencies[${i}].attributeName`, e.attributeName);
    checkProficiencyAttribute(p, `proficiencies[${i}].attributeValue`, e.attributeValue);
    checkProficiencyLevel(p, `proficiencies[${i}].level`, e.level?.levelValue);
    if (isToken(e.attributeName) || isToken(e.attributeValue)) continue;
    // Evidence: documented. A user holds one level per attribute value (API UserProficiency; the schema has
    // no uniqueItems here). Compared with the entries before it (an agent has a few: no set of keys to build).
    for (let j = 0; j < i; j++) {
      if (entries[j].attributeName === e.attributeName && entries[j].attributeValue === e.attributeValue) {
        p.warn('proficiencyDuplicate', 'proficiencies', `${show(`${e.attributeName}=${e.attributeValue}`)} is listed more than once; Amazon Connect keeps one level per attribute name and value`);
        break;
      }
    }
  }
}
