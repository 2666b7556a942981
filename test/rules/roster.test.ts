/**
 * The rules of src/private/rules/roster.ts: a roster's source, its rows and their
 * names, its CSV's cells, quotes and columns, and its shards. Each rule is tested
 * through ConnectUserRoster, and its exact answers on the pure function.
 */
import { CfnParameter, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConnectUserRoster, IdentityManagementType, PhoneType, UserPassword } from '../../src';
import {
  autoShardCountWarning, checkCellCount, checkDuplicateRows, checkMaxConcurrentCreations, checkOneColumn, checkPasswordCell, checkRequiredCells,
  checkRosterSource, checkShardCount, checkShardLoads, fullestShard,
  csvQuoteProblem, MAX_RESOURCES_PER_TEMPLATE, phoneTypeCell, proficienciesCell, resolveName, secondsCell, suggestedShardCount, tagsCell, yesNoCell,
} from '../../src/private/rules/roster';
import { newStack, refs } from '../util/fixtures';
import { BULK_HEADER, bulkRoster, bulkRow } from '../util/roster';

/** The message of what `f` throws. */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** What a rule that pushes errors returns, and the errors it pushed. */
function run<T>(rule: (errors: string[]) => T): { value: T; errors: string[] } {
  const errors: string[] = [];
  const value = rule(errors);
  return { value, errors };
}

const spec = (username: string) => ({ username, routingProfile: 'Basic', securityProfiles: ['Agent'] });

describe('one source of agents (checkRosterSource)', () => {
  it('takes exactly one of users, csv and json', () => {
    expect(checkRosterSource(1)).toBeUndefined();
    expect(checkRosterSource(0)).toBe('none of users, csv and json given; expected exactly one');
    expect(checkRosterSource(3)).toBe('3 of users, csv and json given; expected exactly one');
  });

  it('rejects a roster with two sources, or none', () => {
    expect(() => bulkRoster({ users: [], csv: BULK_HEADER })).toThrow(/ConnectUserRoster 'Agents\/Roster': 2 of users, csv and json given; expected exactly one/);
    const stack = newStack();
    expect(() => new ConnectUserRoster(stack, 'Roster', { instance: refs(stack).instance })).toThrow(/ConnectUserRoster 'Stack\/Roster': none of users, csv and json given; expected exactly one/);
  });
});

describe('unique usernames among the rows (checkDuplicateRows)', () => {
  it('keeps the first row of a username and reports the others with both labels', () => {
    const rows = ['a', 'b', 'a', 'A', 'a'].map((username, i) => ({ username, line: i + 2 }));
    const errors: string[] = [];
    const kept = checkDuplicateRows(rows, r => r.username, r => `row ${r.line}`, errors);
    expect(kept.map(r => r.line)).toEqual([2, 3, 5]);
    expect(errors).toEqual([
      "row 4: username 'a' duplicates row 2; expected a username unique in the instance",
      "row 6: username 'a' duplicates row 2; expected a username unique in the instance",
    ]);
  });

  it('keeps rows without a username or with a token one: they are not duplicates of each other', () => {
    const token = new CfnParameter(newStack(), 'U').valueAsString;
    const errors: string[] = [];
    expect(checkDuplicateRows([undefined, undefined, token, token], r => r as string, () => 'row', errors)).toHaveLength(4);
    expect(errors).toEqual([]);
  });

  it('rejects a second spec of a username, citing both', () => {
    expect(errorOf(() => bulkRoster({ users: [spec('alice'), spec('bob'), spec('alice')] })))
      .toMatch(/has 1 problem:\n {2}- users\[2\]: username 'alice' duplicates users\[0\]; expected a username unique in the instance$/);
  });

  it('rejects a second CSV row of a username, citing both rows', () => {
    expect(errorOf(() => bulkRoster({ rows: [bulkRow('ok.one'), bulkRow('ok.one')] })))
      .toContain("row 3: username 'ok.one' duplicates row 2; expected a username unique in the instance");
  });
});

describe("names resolved through the roster's maps (resolveName)", () => {
  it("finds a map's own keys only", () => {
    const map = { Basic: 1 };
    expect(run(e => resolveName(map, 'Basic', 'routingProfile', e))).toEqual({ value: 1, errors: [] });
    expect(run(e => resolveName(map, 'constructor', 'routingProfile', e))).toEqual({
      value: undefined, errors: ["routingProfile 'constructor' is not in routingProfiles (known: Basic)"],
    });
    expect(run(e => resolveName(undefined, 'Team', 'hierarchyGroup', e)).errors).toEqual(["hierarchyGroup 'Team' is not in hierarchyGroups (known: none)"]);
  });

  it("looks names up among the maps' own keys only", () => {
    expect(() => bulkRoster({ rows: [bulkRow('alice', { rp: 'constructor', sp: 'toString' })] }))
      .toThrow(/row 2: agent 'alice' has 2 problems:\n {6}- routingProfile 'constructor' is not in routingProfiles \(known: Basic, Sales\)\n {6}- securityProfile 'toString' is not in securityProfiles/);
  });

  it('rejects a hierarchy group that is not in hierarchyGroups', () => {
    expect(() => bulkRoster({ rows: [bulkRow('alice', { hier: 'support/us' })] }))
      .toThrow(/row 2: agent 'alice' has 1 problem:\n {6}- hierarchyGroup 'support\/us' is not in hierarchyGroups \(known: support\/eu\)/);
  });
});

describe("shards and CloudFormation's quotas per template (checkShardLoads, checkShardCount, checkMaxConcurrentCreations)", () => {
  const loads = (...entries: Array<[number, number, number]>) =>
    new Map(entries.map(([shard, resources, dynamicReferences]) => [shard, { resources, dynamicReferences }]));

  it('suggests shards filled to 60 % on average, on resources and on dynamic references', () => {
    expect(MAX_RESOURCES_PER_TEMPLATE).toBe(500);
    expect(suggestedShardCount(0)).toBe(1);
    expect(suggestedShardCount(300)).toBe(1);
    expect(suggestedShardCount(301)).toBe(2);
    expect(suggestedShardCount(3000)).toBe(10);
    expect(suggestedShardCount(520, 260)).toBe(8);
    expect(suggestedShardCount(4000, 2000)).toBe(56);
  });

  it('names the fullest shard over the resource quota with every count, and only when one is over (an error: observed)', () => {
    expect(checkShardLoads(loads([0, 500, 60], [1, 10, 0]), 2, 510)).toBeUndefined();
    expect(checkShardLoads(loads([0, 501, 0], [1, 700, 70], [2, 3, 0]), 3, 1204)).toMatch(
      /^2 shards would be over CloudFormation's quotas per template \(shard 1: 700 resources \(quota 500\), 70 dynamic references \(quota 60\); it holds 700 of 500 resources, 70 of 60 dynamic references\); the roster has 1204 resources and 70 dynamic references \(1204 agents; .*\) in 3 shards\. Expected shardCount: 5 or more/,
    );
  });

  it('names a shard over the dynamic-reference quota only, for the warning (documented), and not for the error', () => {
    const over = loads([0, 100, 61], [1, 100, 20]);
    expect(checkShardLoads(over, 2, 198)).toBeUndefined();
    expect(checkShardLoads(over, 2, 198, 'documented')).toMatch(/^1 shard would be over CloudFormation's quotas per template \(shard 0: 61 dynamic references \(quota 60\); it holds 100 of 500 resources, 61 of 60 dynamic references\).*Expected shardCount: 3 or more/);
    // A shard over the resource quota is the error's, not the warning's.
    expect(checkShardLoads(loads([0, 501, 61]), 1, 500, 'documented')).toBeUndefined();
  });

  it('rejects a shard that would exceed 500 resources, counting each password secret, and suggests a count that works', () => {
    const rows = Array.from({ length: 260 }, (_, i) => bulkRow(`agent${i}`));
    const props = { rows, passwords: UserPassword.generate(), identityManagementType: IdentityManagementType.CONNECT_MANAGED };
    const message = errorOf(() => bulkRoster({ ...props, shardCount: 1 }));
    expect(message).toMatch(/1 shard would be over CloudFormation's quotas per template \(shard 0: 521 resources \(quota 500\), 260 dynamic references \(quota 60\); it holds 521 of 500 resources, 260 of 60 dynamic references\); the roster has 521 resources and 260 dynamic references \(260 agents; a generated password adds a secret and a dynamic reference\) in 1 shards\. Expected shardCount: 8 or more, which leaves room to grow; then keep it fixed/);
    const suggested = Number(/Expected shardCount: (\d+)/.exec(message)![1]);
    const { roster, stack } = bulkRoster({ ...props, shardCount: suggested });
    expect(Object.keys(roster.cfnUsers)).toHaveLength(260);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('templateQuota'))).toEqual([]);
  });

  it('names the fullest shard over a quota (for the warning of a roster without shardCount)', () => {
    expect(fullestShard(loads([0, 100, 20], [1, 200, 70], [2, 130, 65]))).toBe('2 over a quota; shard 1: 70 dynamic references (quota 60)');
    expect(fullestShard(loads([0, 500, 60]))).toBeUndefined();
  });

  it('says which count a roster without shardCount uses instead of the default, and why to set it', () => {
    expect(autoShardCountWarning(20, 56, 'shard 3: 111 dynamic references (quota 60)')).toMatch(
      /^the roster does not fit CloudFormation's quotas per template in the default 20 shards \(shard 3: 111 dynamic references \(quota 60\)\), so it uses 56 shards\. Set shardCount: 56 to keep this layout/);
  });

  it('paces at least one creation at a time: maxConcurrentCreations is a whole number of at least 1', () => {
    expect(checkMaxConcurrentCreations(1)).toBeUndefined();
    expect(checkMaxConcurrentCreations(10)).toBeUndefined();
    for (const bad of [0, -1, 2.5, NaN]) expect(checkMaxConcurrentCreations(bad)).toBe(`maxConcurrentCreations ${bad} is not a whole number of at least 1`);
    expect(() => bulkRoster({ rows: [bulkRow('alice')], maxConcurrentCreations: 0 })).toThrow(/ConnectUserRoster 'Agents\/Roster': maxConcurrentCreations 0 is not a whole number of at least 1/);
  });

  it('takes a whole number of shards, at least 1', () => {
    expect(checkShardCount(1)).toBeUndefined();
    expect(checkShardCount(16)).toBeUndefined();
    for (const bad of [0, -1, 1.5, NaN]) expect(checkShardCount(bad)).toBe(`shardCount ${bad} is not a whole number of at least 1`);
    expect(() => bulkRoster({ rows: [bulkRow('alice')], shardCount: 0 })).toThrow(/ConnectUserRoster 'Agents\/Roster': shardCount 0 is not a whole number of at least 1/);
  });
});

describe("the CSV's quotes and columns (csvQuoteProblem, checkOneColumn)", () => {
  it("says what is wrong with a quote, by the CSV reader's kind of problem", () => {
    expect(csvQuoteProblem('unclosedQuote')).toMatch(/^the quote that opens this cell is never closed/);
    expect(csvQuoteProblem('strayQuote')).toMatch(/^a quote \("\) inside a cell that does not start with one/);
    expect(csvQuoteProblem('textAfterQuote')).toMatch(/^a quote \("\) inside this quoted cell is followed by more text/);
  });

  it('reports a quote never closed in a roster, by line and column, without the cell', () => {
    const message = errorOf(() => bulkRoster({ rows: [bulkRow('alice'), bulkRow('bob', { pw: '"Hx4Qzv9Wkp7JdT' })] }));
    expect(message).toContain('the CSV cannot be parsed: line 3, column 4 (password): the quote that opens this cell is never closed');
    expect(message).not.toContain('Hx4Qzv9Wkp7JdT');
  });

  it('refuses two or more columns for one single-valued field, naming each', () => {
    expect(run(e => checkOneColumn('phone type', ['phone type'], [3], e)).errors).toEqual([]);
    expect(run(e => checkOneColumn('user login', ['user login', 'username'], [1, 4], e)).errors)
      .toEqual(["header: columns 'user login' (column 1) and 'username' (column 4) are both the user login; expected one column per field"]);
    expect(run(e => checkOneColumn('phone type', ['Phone Type', 'phone type', 'PHONE TYPE'], [1, 5, 6], e)).errors)
      .toEqual(["header: columns 'Phone Type' (column 1), 'phone type' (column 5) and 'PHONE TYPE' (column 6) are all the phone type; expected one column per field"]);
  });

  it('rejects a roster CSV with two user login columns', () => {
    expect(() => bulkRoster({ csv: 'user login,routing profile,security profile,username\nalice,Basic,Agent,bob' }))
      .toThrow(/header: columns 'user login' \(column 1\) and 'username' \(column 4\) are both the user login/);
  });
});

describe("a CSV row's cell count (checkCellCount)", () => {
  it('takes as many cells as the header has columns, and names both counts otherwise', () => {
    expect(run(e => checkCellCount(12, 12, e)).errors).toEqual([]);
    expect(run(e => checkCellCount(11, 12, e)).errors).toEqual([
      'the row has 11 cells but the header has 12 columns; expected 12 cells (a comma missing or too many moves every cell after it to another column)',
    ]);
    expect(run(e => checkCellCount(13, 12, e)).errors).toEqual([expect.stringMatching(/^the row has 13 cells but the header has 12 columns; expected 12 cells/)]);
  });

  it('rejects a short row (which would lose its last cells, here the ACW and hierarchy), naming the row and both counts', () => {
    const short = bulkRow('alice', { acw: '45' }).split(',').slice(0, 10).join(',');
    expect(errorOf(() => bulkRoster({ rows: [bulkRow('bob'), short] })))
      .toMatch(/has 1 problem:\n {2}- row 3: agent 'alice' has 1 problem:\n {6}- the row has 10 cells but the header has 12 columns; expected 12 cells/);
  });

  it("reports a long row's count first, with the row's other problems", () => {
    const long = `${bulkRow('alice', { type: 'mobile' })},extra`;
    expect(errorOf(() => bulkRoster({ rows: [long] }))).toMatch(
      /row 2: agent 'alice' has 2 problems:\n {6}- the row has 13 cells but the header has 12 columns; expected 12 cells .*\n {6}- phone type 'mobile' is not soft or desk/);
  });
});

describe("the CSV's cells (phoneTypeCell, yesNoCell, secondsCell, proficienciesCell, tagsCell)", () => {
  it('reads phone types as the bulk template writes them', () => {
    for (const [cell, type] of [['soft', PhoneType.SOFT_PHONE], ['SOFT_PHONE', PhoneType.SOFT_PHONE], ['Desk', PhoneType.DESK_PHONE], ['desk_phone', PhoneType.DESK_PHONE]]) {
      expect(run(e => phoneTypeCell(cell, e))).toEqual({ value: type, errors: [] });
    }
    expect(run(e => phoneTypeCell(undefined, e))).toEqual({ value: undefined, errors: [] });
    expect(run(e => phoneTypeCell('mobile', e))).toEqual({ value: undefined, errors: ["phone type 'mobile' is not soft or desk"] });
  });

  it('reads yes and no, true and false, in any case', () => {
    expect(['Yes', 'TRUE', 'no', 'False'].map(cell => run(e => yesNoCell(cell, 'adopt', e)).value)).toEqual([true, true, false, false]);
    expect(run(e => yesNoCell(undefined, 'adopt', e))).toEqual({ value: undefined, errors: [] });
    expect(run(e => yesNoCell('maybe', 'soft phone auto accept', e))).toEqual({ value: undefined, errors: ["soft phone auto accept 'maybe' is not yes or no"] });
  });

  it('reads whole seconds', () => {
    expect(run(e => secondsCell('0', 'ACW timeout', e)).value?.toSeconds()).toBe(0);
    expect(run(e => secondsCell('30', 'ACW timeout', e)).value?.toSeconds()).toBe(30);
    expect(run(e => secondsCell(undefined, 'ACW timeout', e))).toEqual({ value: undefined, errors: [] });
    for (const bad of ['1.5', '-1', 'soon', '30s']) {
      expect(run(e => secondsCell(bad, 'ACW timeout', e))).toEqual({ value: undefined, errors: [`ACW timeout '${bad}' is not a whole number of seconds`] });
    }
  });

  it('reads proficiencies as Attribute:Value:Level entries, a value may hold ":"', () => {
    expect(run(e => proficienciesCell('Language:English:5| Skill : Billing : 3 ||Lang:en:us:2', e))).toEqual({
      value: [{ name: 'Language', value: 'English', level: 5 }, { name: 'Skill', value: 'Billing', level: 3 }, { name: 'Lang', value: 'en:us', level: 2 }],
      errors: [],
    });
    expect(run(e => proficienciesCell(undefined, e))).toEqual({ value: undefined, errors: [] });
    const bad = run(e => proficienciesCell('Language-English-5|L:5|L:E:|L:E:high|L:E:1', e));
    expect(bad.value).toEqual([{ name: 'L', value: 'E', level: 1 }]);
    expect(bad.errors).toEqual(['Language-English-5', 'L:5', 'L:E:', 'L:E:high']
      .map(entry => `proficiencies entry '${entry}' is not Attribute:Value:Level with a number for the level (such as Language:English:5)`));
  });

  it('reads tags as key=value entries, one value per key', () => {
    expect(run(e => tagsCell('Team=billing| Site = NYC ||Expr=a=b|Empty=', e))).toEqual({ value: { Team: 'billing', Site: 'NYC', Expr: 'a=b', Empty: '' }, errors: [] });
    expect(run(e => tagsCell(undefined, e))).toEqual({ value: undefined, errors: [] });
    expect(run(e => tagsCell('Team|=v|a=1|a=2', e))).toEqual({
      value: { a: '1' },
      errors: ["tags entry 'Team' is not key=value", "tags entry '=v' is not key=value", "tags entry 'a=2' repeats the key 'a'; expected each key once"],
    });
  });

  it('reports the bad cells of a roster row, each by its column', () => {
    const message = errorOf(() => bulkRoster({ rows: [bulkRow('alice', { type: 'mobile', auto: 'maybe', acw: 'soon' })] }));
    expect(message).toContain("row 2: agent 'alice' has 3 problems:\n      - phone type 'mobile' is not soft or desk\n      - soft phone auto accept 'maybe' is not yes or no\n      - ACW timeout 'soon' is not a whole number of seconds");
  });
});

describe('password and required cells (checkPasswordCell, checkRequiredCells)', () => {
  it('takes a plaintext password cell only when allowed, and never repeats it', () => {
    expect(run(e => checkPasswordCell(undefined, false, e)).errors).toEqual([]);
    expect(run(e => checkPasswordCell('S3cret-Value', true, e)).errors).toEqual([]);
    const refused = run(e => checkPasswordCell('S3cret-Value', false, e)).errors;
    expect(refused).toEqual([expect.stringMatching(/^password: the cell holds a plaintext password \(value not shown\); expected an empty password cell/)]);
    expect(refused[0]).not.toContain('S3cret-Value');
  });

  it('refuses plaintext passwords in a roster unless allowed, and never shows them', () => {
    const message = errorOf(() => bulkRoster({ rows: [bulkRow('alice', { pw: 'S3cret-Value' })] }));
    expect(message).toMatch(/row 2: agent 'alice' has 1 problem:\n {6}- password: the cell holds a plaintext password \(value not shown\)/);
    expect(message).not.toContain('S3cret-Value');
    const { roster } = bulkRoster({ rows: [bulkRow('alice', { pw: 'S3cret-Value' })], allowPlaintextPasswords: true, identityManagementType: IdentityManagementType.CONNECT_MANAGED });
    const parent = (Stack.of(roster.cfnUsers.alice) as NestedStack).nestedStackParent!;
    Annotations.fromStack(parent).hasWarning('*', Match.stringLikeRegexp('plaintext SecretValue'));
  });

  it('needs a user login and a routing profile name', () => {
    expect(run(e => checkRequiredCells({ username: 'a', routingProfile: 'Basic' }, e)).errors).toEqual([]);
    expect(run(e => checkRequiredCells({}, e)).errors).toEqual(['user login is empty', 'routing profile name is empty']);
    expect(errorOf(() => bulkRoster({ rows: [bulkRow('alice', { rp: '' })] })))
      .toMatch(/row 2: agent 'alice' has 1 problem:\n {6}- routing profile name is empty/);
  });
});
