/**
 * The rules of src/private/rules/proficiencies.ts: attribute names and values,
 * levels, and one level per attribute value; for the factories, for look-alike
 * objects of JavaScript callers, and for proficiencies added later.
 */
import { describe, expect, it } from 'vitest';
import { ConnectUser, ProficiencyLevel, UserProficiency } from '../../src';
import { minimalProps, newStack, refs, warningsOf } from '../util/fixtures';
import { AcceptCase, RejectCase, repeat, ruleCases, synth, WarnCase } from '../util/rules';

const js = (v: unknown) => v as any;

const reject: RejectCase[] = [
  // checkProficiencyAttribute (in the UserProficiency factory)
  { rule: 'proficiency name longer than 64', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of(repeat(65), 'English', ProficiencyLevel.ONE)] }), error: /UserProficiency.of\(\) has 1 problem:\n {2}- attributeName: .* is 65 characters long; expected 1-64/ },
  { rule: 'proficiency value empty', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', '', ProficiencyLevel.ONE)] }), error: /attributeValue: '' is 0 characters long; expected 1-64/ },
  { rule: 'proficiency name that is not a string (JavaScript callers)', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of(js(42), 'English', ProficiencyLevel.ONE)] }), error: /attributeName: '42' is not a string; expected 1-64 characters/ },
  // checkProficiencyLevel (in the ProficiencyLevel factory)
  { rule: 'proficiency level 0', build: () => { ProficiencyLevel.of(0); throw new Error('unreachable'); }, error: /ProficiencyLevel.of\(\) has 1 problem:\n {2}- levelValue: '0' is not a proficiency level; expected a number from 1 to 5/ },
  { rule: 'proficiency level 6', build: () => { ProficiencyLevel.of(6); throw new Error('unreachable'); }, error: /levelValue: '6' is not a proficiency level/ },
  { rule: 'proficiency level "3" (JavaScript callers)', build: () => { ProficiencyLevel.of(js('3')); throw new Error('unreachable'); }, error: /levelValue: '3' is not a proficiency level/ },
  // checkProficiencies: look-alike objects, not made by the factories
  { rule: 'proficiency level look-alike { levelValue: 9 }', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', 'English', { levelValue: 9 } as ProficiencyLevel)] }), error: /proficiencies\[0\].level: '9' is not a proficiency level/ },
  { rule: 'proficiency look-alike with a long name', build: (_s, r) => minimalProps(r, { proficiencies: [{ attributeName: repeat(70), attributeValue: 'v', level: ProficiencyLevel.ONE } as unknown as UserProficiency] }), error: /proficiencies\[0\].attributeName: .* is 70 characters long/ },
];

const warn: WarnCase[] = [
  { rule: 'proficiency level 2.5', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.of(2.5))] }), id: 'proficiencyLevel', text: /proficiencies\[0\].level: 2.5 is not a whole number/ },
  { rule: 'proficiency duplicate', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.ONE), UserProficiency.of('Language', 'English', ProficiencyLevel.FIVE)] }), id: 'proficiencyDuplicate', text: /proficiencies: 'Language=English' is listed more than once/ },
];

const accept: AcceptCase[] = [
  { name: 'proficiency levels 1 and 5, names of 64 characters', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of(repeat(64), repeat(64), ProficiencyLevel.ONE), UserProficiency.of('Language', 'English', ProficiencyLevel.of(5)), UserProficiency.of('Language', 'French', ProficiencyLevel.of(1))] }) },
];

ruleCases({ reject, warn, accept });

describe('proficiencies added later with addProficiency() (checkProficiencies, at synth)', () => {
  it('warn of a second level for the same attribute value, and reject a look-alike with a long value', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.TWO)] }));
    user.addProficiency(UserProficiency.of('Language', 'English', ProficiencyLevel.FOUR));
    expect(warningsOf(stack, 'proficiencyDuplicate')).toEqual([expect.stringMatching(/proficiencies: 'Language=English' is listed more than once/)]);

    const other = newStack();
    const lookAlike = new ConnectUser(other, 'Agent', minimalProps(refs(other)));
    lookAlike.addProficiency({ attributeName: 'Skill', attributeValue: repeat(65), level: ProficiencyLevel.ONE } as unknown as UserProficiency);
    expect(() => synth(other)).toThrow(/proficiencies\[0\].attributeValue: .* is 65 characters long/);
  });
});

describe('duplicate proficiencies (checkProficiencies compares each entry with the ones before it)', () => {
  const build = (list: Array<[string, string]>) => {
    const stack = newStack();
    new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { proficiencies: list.map(([n, v]) => UserProficiency.of(n, v, ProficiencyLevel.ONE)) }));
    return warningsOf(stack, 'proficiencyDuplicate');
  };
  it('finds a duplicate that is not next to its first entry', () => {
    expect(build([['Language', 'English'], ['Skill', 'Billing'], ['Language', 'English']])).toEqual([expect.stringMatching(/'Language=English' is listed more than once/)]);
    expect(build([['Language', 'English'], ['Skill', 'Billing'], ['Language', 'English'], ['Skill', 'Billing']])).toEqual([
      expect.stringMatching(/'Language=English' is listed more than once/), expect.stringMatching(/'Skill=Billing' is listed more than once/),
    ]);
  });
  it('compares name and value each on its own: a NUL byte moved from one to the other is no duplicate', () => {
    expect(build([['Language', 'English'], ['Language', 'Spanish'], ['Skill', 'English']])).toEqual([]);
    expect(build([['a\u0000b', 'c'], ['a', 'b\u0000c']])).toEqual([]);
  });
});
