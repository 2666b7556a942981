/**
 * Every rule of src/private/rules.ts and the construct's own checks, table-driven:
 * at least one rejecting case per rule (each fails if its rule is removed), and
 * accepting cases at every boundary, which are then all checked with cfn-lint.
 */
import * as path from 'path';
import { Annotations, App, CfnParameter, Duration, Lazy, SecretValue, Stack, Tags } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, ConnectUserProps, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile, UserHierarchyGroup, UserPassword, UserProficiency } from '../src';
import { assertLintClean } from './util/cfn-lint';
import { rawHierarchyGroup, rawInstance, rawRoutingProfile, rawSecurityProfile } from './util/fakes';
import {
  hierarchyGroupArn, INSTANCE_ARN, minimalProps, newStack, OTHER_INSTANCE_ARN, Refs, refs, routingProfileArn, securityProfileArn, warningsOf,
} from './util/fixtures';

type Build = (stack: Stack, r: Refs) => ConnectUserProps;
const CM = IdentityManagementType.CONNECT_MANAGED;
const SAML = IdentityManagementType.SAML;
const DIR = IdentityManagementType.EXISTING_DIRECTORY;
const secret = UserPassword.fromSecretValue(SecretValue.secretsManager('agent-password'));
const names = { firstName: 'Agent', lastName: 'One' };
const samlInfo = { ...names, email: 'agent.one@example.com' };
const x = (n: number, c = 'a') => c.repeat(n);

/** Synthesizes the app (running synth-time validations) and returns the stack's template. */
function synth(stack: Stack): Record<string, unknown> {
  (stack.node.root as App).synth();
  return Template.fromStack(stack).toJSON();
}

interface RejectCase {
  readonly rule: string;
  readonly type?: IdentityManagementType;
  readonly build: Build;
  readonly error: RegExp;
}

const reject: RejectCase[] = [
  // Username
  { rule: 'username without any character of the schema pattern', build: (_s, r) => minimalProps(r, { username: 'öö !' }), error: /username: 'öö !' has none of the characters the registry schema requires/ },
  { rule: 'username length: empty', build: (_s, r) => minimalProps(r, { username: '' }), error: /username: '' is 0 characters long; expected 1-64/ },
  { rule: 'username length: 65', build: (_s, r) => minimalProps(r, { username: x(65) }), error: /is 65 characters long; expected 1-64 \(registry schema Username\)/ },
  { rule: 'username length: 65 on SAML', type: SAML, build: (_s, r) => minimalProps(r, { username: x(65), identityInfo: samlInfo }), error: /expected 1-64 \(registry schema Username\)/ },

  // Security profiles
  { rule: 'security profiles: none', build: (_s, r) => minimalProps(r, { securityProfiles: [] }), error: /securityProfiles: 0 given; expected 1-10/ },
  { rule: 'security profiles: 11', build: (s, r) => minimalProps(r, { securityProfiles: sps(s, 11) }), error: /securityProfiles: 11 given; expected 1-10/ },
  { rule: 'security profiles: duplicate', build: (_s, r) => minimalProps(r, { securityProfiles: [r.securityProfile, r.securityProfile] }), error: /securityProfiles: '.*security-profile\/sp-1' is listed more than once/ },
  { rule: 'security profile ARN shape', build: (s, r) => minimalProps(r, { securityProfiles: [rawSecurityProfile(s, 'Bad', routingProfileArn())] }), error: /securityProfiles\[0\]: '.*routing-profile\/rp-1' is not an Amazon Connect security-profile ARN/ },

  // Routing profile, hierarchy group, instance
  { rule: 'routing profile ARN shape', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'Bad', 'arn:aws:connect:us-east-1:111122223333:routing-profile/rp-1') }), error: /routingProfile: .* is not an Amazon Connect routing-profile ARN; expected arn:<partition>:connect:<region>:<account>:instance\/<instance-id>\/routing-profile/ },
  { rule: 'hierarchy group ARN shape', build: (s, r) => minimalProps(r, { hierarchyGroup: rawHierarchyGroup(s, 'Bad', `${INSTANCE_ARN}/hierarchy-group/hg-1`) }), error: /hierarchyGroup: .* is not an Amazon Connect agent-group ARN/ },
  { rule: 'instance ARN shape', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'Bad', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111') }), error: /instance: 'a1b2c3d4-.*' is not an Amazon Connect instance ARN/ },
  { rule: 'instance ARN over 100 characters (sent as InstanceId)', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'Long', `${INSTANCE_ARN}${x(20, 'f')}`) }), error: /instance: .* is 104 characters long; expected at most 100, as CloudFormation sends it as CreateUser's InstanceId/ },

  // Phone
  { rule: 'desk phone number not E.164', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('555-1234') }), error: /PhoneConfig.deskPhone\(\) has 1 problem:\n {2}- phoneNumber: '555-1234' is not an E.164 phone number/ },
  { rule: 'desk phone number empty', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('') }), error: /phoneNumber: '' is not an E.164 phone number/ },
  { rule: 'desk phone number with text after it', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('+15555550100 ext 2') }), error: /phoneNumber: '\+15555550100 ext 2' is not an E.164 phone number/ },
  { rule: 'after contact work not whole seconds', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.millis(1500) }) }), error: /afterContactWorkTimeLimit: 1.5 seconds is not a whole number of seconds/ },
  { rule: 'after contact work token in minutes', build: (s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.minutes(new CfnParameter(s, 'Acw', { type: 'Number' }).valueAsNumber) }) }), error: /afterContactWorkTimeLimit: a token duration in minutes cannot be converted to seconds/ },

  // Identity info
  { rule: 'mobile not E.164', build: (_s, r) => minimalProps(r, { identityInfo: { mobile: '5555550100' } }), error: /identityInfo.mobile: '5555550100' is not an E.164 phone number/ },
  { rule: 'secondary email shape', build: (_s, r) => minimalProps(r, { identityInfo: { secondaryEmail: 'jane at example.com' } }), error: /identityInfo.secondaryEmail: 'jane at example.com' is not an email address/ },
  { rule: 'secondary email with text before it', build: (_s, r) => minimalProps(r, { identityInfo: { secondaryEmail: 'x a@b.co' } }), error: /identityInfo.secondaryEmail: 'x a@b.co' is not an email address/ },
  { rule: 'first name longer than 255', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: x(256) } }), error: /identityInfo.firstName: .* is 256 characters long; expected at most 255/ },
  { rule: 'last name longer than 300', build: (_s, r) => minimalProps(r, { identityInfo: { lastName: x(301) } }), error: /identityInfo.lastName: .* is 301 characters long; expected at most 300/ },
  { rule: 'first name of 256 astral characters (counted in code points)', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: x(256, '\u{1D49C}') } }), error: /identityInfo.firstName: .* is 256 characters long; expected at most 255/ },

  // Identity-management type
  { rule: 'identity-management type that is not one', build: (_s, r) => minimalProps(r, { identityManagementType: 'LDAP' as IdentityManagementType }), error: /identityManagementType: 'LDAP' is not an identity-management type/ },

  // Password (literal)
  { rule: 'plaintext password too short', build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('Sh0rtPw')) }), error: /password: the plaintext password \(7 characters, value not shown\) does not meet Amazon Connect's policy/ },
  { rule: 'plaintext password without uppercase', build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('alllower1')) }), error: /password: the plaintext password/ },
  { rule: 'plaintext password with a space', build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('With Space1')) }), error: /password: the plaintext password/ },
  { rule: 'plaintext password of 6 characters, 3 of them emoji (counted in code points)', build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('Aa1\u{1F600}\u{1F600}\u{1F600}')) }), error: /password: the plaintext password \(6 characters, value not shown\)/ },

  { rule: 'SSM SecureString password (CloudFormation does not resolve it here)', type: CM, build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.ssmSecure('/agents/agent.one/password', '3')), identityInfo: names }), error: /password: is an SSM SecureString reference/ },

  // Proficiencies
  { rule: 'proficiency name longer than 64', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of(x(65), 'English', ProficiencyLevel.ONE)] }), error: /UserProficiency.of\(\) has 1 problem:\n {2}- attributeName: .* is 65 characters long; expected 1-64/ },
  { rule: 'proficiency value empty', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', '', ProficiencyLevel.ONE)] }), error: /attributeValue: '' is 0 characters long; expected 1-64/ },
  { rule: 'proficiency level 0', build: () => { ProficiencyLevel.of(0); throw new Error('unreachable'); }, error: /ProficiencyLevel.of\(\) has 1 problem:\n {2}- levelValue: '0' is not a proficiency level; expected a number from 1 to 5/ },
  { rule: 'proficiency level 6', build: () => { ProficiencyLevel.of(6); throw new Error('unreachable'); }, error: /levelValue: '6' is not a proficiency level/ },
  { rule: 'proficiency level look-alike { levelValue: 9 }', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', 'English', { levelValue: 9 } as ProficiencyLevel)] }), error: /proficiencies\[0\].level: '9' is not a proficiency level/ },
  { rule: 'proficiency look-alike with a long name', build: (_s, r) => minimalProps(r, { proficiencies: [{ attributeName: x(70), attributeValue: 'v', level: ProficiencyLevel.ONE } as unknown as UserProficiency] }), error: /proficiencies\[0\].attributeName: .* is 70 characters long/ },

  // Tags
  { rule: 'more than 50 tags', build: (_s, r) => minimalProps(r, { tags: manyTags(51) }), error: /tags: 51 tags \(from the tags property and Tags.of\(\)\); expected at most 50/ },
  { rule: 'tag key longer than 128', build: (_s, r) => minimalProps(r, { tags: { [x(129)]: 'v' } }), error: /key .* is 129 characters long; expected 1-128/ },
  { rule: 'tag value longer than 256', build: (_s, r) => minimalProps(r, { tags: { Note: x(257) } }), error: /tags.Note: value .* is 257 characters long; expected at most 256/ },
  { rule: "tag key with the 'aws:' prefix", build: (_s, r) => minimalProps(r, { tags: { 'aws:owner': 'me' } }), error: /tags.aws:owner: key 'aws:owner' starts with the reserved prefix 'aws:'/ },
  { rule: 'tag key with a space (the schema rejects it)', build: (_s, r) => minimalProps(r, { tags: { 'Cost Center': 'cc' } }), error: /tags.Cost Center: key 'Cost Center' has characters CloudFormation or Amazon Connect rejects/ },
  { rule: 'tag key with @ (the schema rejects it)', build: (_s, r) => minimalProps(r, { tags: { 'owner@team': 'cc' } }), error: /key 'owner@team' has characters/ },
  { rule: 'tag key with ; (the model rejects it)', build: (_s, r) => minimalProps(r, { tags: { 'a;b': 'cc' } }), error: /key 'a;b' has characters/ },
];

interface WarnCase {
  readonly rule: string;
  readonly type?: IdentityManagementType;
  readonly build: Build;
  /** The warning id, without the library prefix. */
  readonly id: string;
  readonly text: RegExp;
}

/** Rules that only AWS's prose states: a synth warning with a stable id, never an error. */
const warn: WarnCase[] = [
  { rule: 'username with a space', build: (_s, r) => minimalProps(r, { username: 'john doe' }), id: 'usernameCharacters', text: /username: 'john doe' contains " "; Amazon Connect documents only letters/ },
  { rule: 'username with a non-ASCII letter', build: (_s, r) => minimalProps(r, { username: 'jöhn' }), id: 'usernameCharacters', text: /contains "ö"/ },
  { rule: 'CONNECT_MANAGED without password', type: CM, build: (_s, r) => minimalProps(r, { identityInfo: names }), id: 'passwordRequired', text: /password: missing; the API reference documents a password as required on CONNECT_MANAGED/ },
  { rule: 'CONNECT_MANAGED without first name', type: CM, build: (_s, r) => minimalProps(r, { password: secret, identityInfo: { lastName: 'One' } }), id: 'nameRequired', text: /identityInfo.firstName: missing/ },
  { rule: 'CONNECT_MANAGED with an empty first name', type: CM, build: (_s, r) => minimalProps(r, { password: secret, identityInfo: { firstName: '', lastName: 'One' } }), id: 'nameRequired', text: /identityInfo.firstName: empty/ },
  { rule: 'SAML without names', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: { email: 'a@example.com' } }), id: 'nameRequired', text: /identityInfo.lastName: missing/ },
  { rule: 'last name longer than 256 on CONNECT_MANAGED', type: CM, build: (_s, r) => minimalProps(r, { password: secret, identityInfo: { firstName: 'A', lastName: x(257) } }), id: 'lastNameLength', text: /identityInfo.lastName: .* is 257 characters long; the API reference documents at most 256/ },
  { rule: 'SAML with password', type: SAML, build: (_s, r) => minimalProps(r, { password: secret, identityInfo: samlInfo }), id: 'passwordNotAllowed', text: /password: set on a SAML instance/ },
  { rule: 'EXISTING_DIRECTORY with password', type: DIR, build: (_s, r) => minimalProps(r, { password: secret }), id: 'passwordNotAllowed', text: /password: set on a EXISTING_DIRECTORY instance/ },
  { rule: 'SAML with directory user id', type: SAML, build: (_s, r) => minimalProps(r, { directoryUserId: 'user-1', identityInfo: names }), id: 'samlDirectoryUserId', text: /directoryUserId: 'user-1' is set on a SAML instance/ },
  { rule: 'SAML with email', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: samlInfo }), id: 'samlEmail', text: /identityInfo.email: is set on a SAML instance/ },
  { rule: 'name not in NFC', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: 'Jose\u0301' } }), id: 'nameNotNfc', text: /identityInfo.firstName: .* is not in Unicode Normalization Form C/ },
  { rule: 'secondary email with text after it', build: (_s, r) => minimalProps(r, { identityInfo: { secondaryEmail: 'jane@example.com and more' } }), id: 'secondaryEmailShape', text: /identityInfo.secondaryEmail: 'jane@example.com and more' has text after the email address/ },
  { rule: 'desk phone number with text before it', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('tel:+15555550100') }), id: 'phoneNumberShape', text: /phoneConfig.deskPhoneNumber: 'tel:\+15555550100' has text before the E.164 number/ },
  { rule: 'after contact work above 2,000,000 s', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(2_000_001) }) }), id: 'afterContactWorkMaximum', text: /phoneConfig.afterContactWorkTimeLimit: 2000001 seconds is over the 2,000,000 seconds the API reference documents/ },
  { rule: 'proficiency level 2.5', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.of(2.5))] }), id: 'proficiencyLevel', text: /proficiencies\[0\].level: 2.5 is not a whole number/ },
  { rule: 'proficiency duplicate', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.ONE), UserProficiency.of('Language', 'English', ProficiencyLevel.FIVE)] }), id: 'proficiencyDuplicate', text: /proficiencies: 'Language=English' is listed more than once/ },
  { rule: 'security profile of another instance', build: (s, r) => minimalProps(r, { securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'Other', securityProfileArn('sp-9', OTHER_INSTANCE_ARN))] }), id: 'otherInstance', text: /securityProfiles\[0\]: .* belongs to instance .*ffffffff.*, not the user's instance/ },
  { rule: 'routing profile of another instance', build: (s, r) => minimalProps(r, { routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'Other', routingProfileArn('rp-9', OTHER_INSTANCE_ARN)) }), id: 'otherInstance', text: /routingProfile: .* belongs to instance/ },
  { rule: 'hierarchy group of another instance', build: (s, r) => minimalProps(r, { hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(s, 'Other', hierarchyGroupArn('hg-9', OTHER_INSTANCE_ARN)) }), id: 'otherInstance', text: /hierarchyGroup: .* belongs to instance/ },
  { rule: 'instance in another region than the stack', build: (s, r) => minimalProps(r, { instance: ConnectInstance.fromInstanceArn(s, 'Far', INSTANCE_ARN.replace('us-east-1', 'eu-west-2')) }), id: 'instanceRegion', text: /instance: .* is in region eu-west-2 but the stack deploys to us-east-1/ },
  { rule: 'instance in another account than the stack', build: (s, r) => minimalProps(r, { instance: ConnectInstance.fromInstanceArn(s, 'Foreign', INSTANCE_ARN.replace('111122223333', '999988887777')) }), id: 'instanceAccount', text: /instance: .* is in account 999988887777 but the stack deploys to 111122223333/ },
  { rule: 'instance ARN with an empty region', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'NoRegion', INSTANCE_ARN.replace('us-east-1', '')) }), id: 'arnShape', text: /instance: .* has an empty region/ },
  { rule: 'routing profile ARN with an empty id', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'NoId', routingProfileArn('')) }), id: 'arnShape', text: /routingProfile: .* has an empty routing-profile id/ },
];

function sps(stack: Stack, n: number) {
  return Array.from({ length: n }, (_, i) => SecurityProfile.fromSecurityProfileArn(stack, `Sp${i}`, securityProfileArn(`sp-${i}`)));
}
function manyTags(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`Key${i}`, `value-${i}`]));
}

describe('rejects, naming the property and the construct', () => {
  it.each(reject.map(c => [c.rule, c] as const))('%s', (_rule, c) => {
    const stack = newStack();
    expect(() => {
      const user = new ConnectUser(stack, 'User', c.build(stack, refs(stack, c.type)));
      expect(user).toBeDefined();
      synth(stack);
    }).toThrow(c.error);
  });

  it('names the construct path in constructor errors', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { username: '' })))
      .toThrow(/^ConnectUser 'Stack\/Agent' has 1 problem:\n {2}- username:/);
  });

  it('names the construct path in synth-time errors', () => {
    const stack = newStack();
    new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { securityProfiles: [] }));
    expect(() => synth(stack)).toThrow(/\[Stack\/Agent\] ConnectUser 'Stack\/Agent' has 1 problem:\n {2}- securityProfiles: 0 given/);
  });

  it('lists every problem of a construct in one error', () => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'Agent', minimalProps(refs(stack, SAML), {
      username: x(65), identityInfo: { firstName: x(256), secondaryEmail: 'x', mobile: '12' }, password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('short')),
    }))).toThrow(/has 5 problems:\n {2}- username: .*\n {2}- identityInfo.firstName: .*\n {2}- identityInfo.secondaryEmail: .*\n {2}- identityInfo.mobile: .*\n {2}- password: the plaintext password/);
  });

  it("starts a validation error's stack at the caller's line, not inside the library", () => {
    const stack = newStack();
    let error: Error | undefined;
    try {
      new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { username: '' }));
    } catch (e) {
      error = e as Error;
    }
    const frames = error!.stack!.split('\n').filter(l => /^\s+at /.test(l));
    expect(frames[0]).toContain(path.join('test', 'validation.test.ts'));
    expect(frames.filter(f => f.includes(`${path.sep}src${path.sep}`))).toEqual([]);
  });

  it('never shows a plaintext password in an error', () => {
    const stack = newStack();
    const pw = 'nouppercase-secret-42';
    let message = '';
    try {
      new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText(pw)) }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/password: the plaintext password \(21 characters, value not shown\)/);
    expect(message).not.toContain(pw);
  });

  it('checks security profiles added later with addSecurityProfile()', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    sps(stack, 10).forEach(sp => user.addSecurityProfile(sp));
    expect(() => synth(stack)).toThrow(/securityProfiles: 11 given; expected 1-10/);
  });

  it('checks the ARN and instance of a security profile added later', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    user.addSecurityProfile(SecurityProfile.fromSecurityProfileArn(stack, 'Other', securityProfileArn('sp-9', OTHER_INSTANCE_ARN)));
    expect(warningsOf(stack, 'otherInstance')).toEqual([expect.stringMatching(/addSecurityProfile\(\): .* belongs to instance/)]);
    expect(() => user.addSecurityProfile(rawSecurityProfile(stack, 'Bad', 'nope'))).toThrow(/addSecurityProfile\(\): 'nope' is not an Amazon Connect security-profile ARN/);
  });

  it('checks proficiencies added later with addProficiency()', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.TWO)] }));
    user.addProficiency(UserProficiency.of('Language', 'English', ProficiencyLevel.FOUR));
    expect(warningsOf(stack, 'proficiencyDuplicate')).toEqual([expect.stringMatching(/proficiencies: 'Language=English' is listed more than once/)]);

    const other = newStack();
    const lookAlike = new ConnectUser(other, 'Agent', minimalProps(refs(other)));
    lookAlike.addProficiency({ attributeName: 'Skill', attributeValue: x(65), level: ProficiencyLevel.ONE } as unknown as UserProficiency);
    expect(() => synth(other)).toThrow(/proficiencies\[0\].attributeValue: .* is 65 characters long/);
  });

  it('counts tags from Tags.of() against the limit of 50', () => {
    const stack = newStack();
    new ConnectUser(stack, 'Agent', minimalProps(refs(stack), { tags: manyTags(50) }));
    Tags.of(stack).add('Extra', 'one-too-many');
    expect(() => synth(stack)).toThrow(/tags: 51 tags/);
  });

  it('checks the keys of tags from Tags.of()', () => {
    const stack = newStack();
    new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    Tags.of(stack).add('Cost Center', 'cc');
    expect(() => synth(stack)).toThrow(/tags.Cost Center: key 'Cost Center' has characters CloudFormation or Amazon Connect rejects/);
  });

  it('rejects two users with the same username in one instance', () => {
    const stack = newStack();
    const r = refs(stack);
    new ConnectUser(stack, 'First', minimalProps(r));
    expect(() => new ConnectUser(stack, 'Second', minimalProps(r, { username: 'agent.one' })))
      .toThrow(/ConnectUser 'Stack\/Second' has 1 problem:\n {2}- username: .* is already used in the same instance by 'Stack\/First'/);
  });

  it('warns of two users whose usernames differ only in case, and still rejects an exact third', () => {
    const stack = newStack();
    const r = refs(stack);
    new ConnectUser(stack, 'First', minimalProps(r));
    new ConnectUser(stack, 'Second', minimalProps(r, { username: 'Agent.One' }));
    expect(warningsOf(stack, 'usernameCase')).toEqual([expect.stringMatching(/username: 'Agent.One' differs only in case from 'agent.one' of 'Stack\/First'/)]);
    expect(() => new ConnectUser(stack, 'Third', minimalProps(r, { username: 'Agent.One' }))).toThrow(/is already used in the same instance by 'Stack\/Second'/);
  });

  it('rejects the same username twice in one instance across stacks', () => {
    const app = new App();
    const env = { account: '111122223333', region: 'us-east-1' };
    const a = new Stack(app, 'A', { env });
    const b = new Stack(app, 'B', { env });
    new ConnectUser(a, 'U', minimalProps(refs(a)));
    expect(() => new ConnectUser(b, 'U', minimalProps(refs(b)))).toThrow(/already used in the same instance by 'A\/U'/);
  });
});

/** The templates of the warned configurations: the schema must accept them (linted with the accepted ones). */
const warnedTemplates: Array<Record<string, unknown>> = [];

describe('warns, with a stable id, of what only AWS prose forbids', () => {
  it.each(warn.map(c => [c.rule, c] as const))('%s', (_rule, c) => {
    const stack = newStack();
    new ConnectUser(stack, 'User', c.build(stack, refs(stack, c.type)));
    warnedTemplates.push(synth(stack));
    expect(warningsOf(stack, c.id)).toEqual(expect.arrayContaining([expect.stringMatching(c.text)]));
  });

  it('a warning acknowledged on the stack is not shown', () => {
    const stack = newStack();
    Annotations.of(stack).acknowledgeWarning('cdk-connect-user:usernameCharacters', 'names come from our directory');
    new ConnectUser(stack, 'User', minimalProps(refs(stack), { username: 'john doe' }));
    synth(stack);
    expect(warningsOf(stack, 'usernameCharacters')).toEqual([]);
  });
});

describe('the identity-management type', () => {
  it('warns once per instance reference when it is unknown, naming the fix', () => {
    const stack = newStack();
    const instance = ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const r = refs(stack);
    new ConnectUser(stack, 'A', minimalProps(r, { instance, username: 'a' }));
    new ConnectUser(stack, 'B', minimalProps(r, { instance, username: 'b' }));
    const found = AssertAnnotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-connect-user:identityTypeUnknown'));
    expect(found).toHaveLength(1);
    expect(found[0].id).toBe('/Stack/Instance');
    expect(found[0].entry.data).toMatch(/fromInstanceAttributes\(\{ instanceArn, identityManagementType \}\) or the identityManagementType prop/);
  });

  it('does not warn when the instance or the prop states it', () => {
    const stack = newStack();
    const r = refs(stack, CM);
    new ConnectUser(stack, 'A', minimalProps(r, { username: 'a', password: secret, identityInfo: names }));
    new ConnectUser(stack, 'B', minimalProps(refs(stack), { username: 'b', identityManagementType: DIR }));
    expect(warningsOf(stack, 'identityTypeUnknown')).toEqual([]);
  });
});

describe('imports reject malformed literal ARNs', () => {
  const stack = newStack();
  it.each([
    ['ConnectInstance.fromInstanceArn', () => ConnectInstance.fromInstanceArn(stack, 'I', `${INSTANCE_ARN}/`), /instanceArn: .* is not an Amazon Connect instance ARN/],
    ['ConnectInstance.fromInstanceArn (a 13-digit account)', () => ConnectInstance.fromInstanceArn(stack, 'I2', INSTANCE_ARN.replace('111122223333', '1111222233334')), /not an Amazon Connect instance ARN/],
    ['RoutingProfile.fromRoutingProfileArn', () => RoutingProfile.fromRoutingProfileArn(stack, 'R', securityProfileArn()), /routingProfileArn: .* is not an Amazon Connect routing-profile ARN/],
    ['SecurityProfile.fromSecurityProfileArn (docs example without instance/)', () => SecurityProfile.fromSecurityProfileArn(stack, 'S', 'arn:aws:connect:us-east-1:111122223333:security-profile/sp-1'), /securityProfileArn: .* is not an Amazon Connect security-profile ARN/],
    ['UserHierarchyGroup.fromUserHierarchyGroupArn', () => UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'H', 'hg-1'), /userHierarchyGroupArn: 'hg-1' is not an Amazon Connect agent-group ARN/],
    ['ConnectUser.fromUserArn (12-digit account required)', () => ConnectUser.fromUserArn(stack, 'U', userArnWithAccount('1234')), /userArn: .* is not an Amazon Connect agent ARN/],
  ])('%s', (_name, fn, error) => {
    expect(fn).toThrow(error);
  });
});

function userArnWithAccount(account: string): string {
  return `arn:aws:connect:us-east-1:${account}:instance/i-1/agent/u-1`;
}

interface AcceptCase {
  readonly name: string;
  readonly type?: IdentityManagementType;
  readonly env?: { account?: string; region?: string };
  readonly build: Build;
}

const accept: AcceptCase[] = [
  { name: '64-character SAML username', type: SAML, build: (_s, r) => minimalProps(r, { username: x(64), identityInfo: samlInfo }) },
  { name: '20-character CONNECT_MANAGED username', type: CM, build: (_s, r) => minimalProps(r, { username: x(20), password: secret, identityInfo: names }) },
  { name: "43-character CONNECT_MANAGED username (Terraform's acceptance tests)", type: CM, build: (_s, r) => minimalProps(r, { username: 'resource-test-terraform-5713493260832418617', password: secret, identityInfo: names }) },
  { name: '64-character EXISTING_DIRECTORY username', type: DIR, build: (_s, r) => minimalProps(r, { username: x(64) }) },
  { name: 'email-style CONNECT_MANAGED username of 22 characters', type: CM, build: (_s, r) => minimalProps(r, { username: 'jane.smith@example.com', password: secret, identityInfo: names }) },
  { name: "SAML username with two '@' and no domain (Service Cloud Voice)", type: SAML, build: (_s, r) => minimalProps(r, { username: 'mjone@005Ah000000XY1Z@00DAu000000a123', identityInfo: names }) },
  { name: 'SAML user without email', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: names }) },
  { name: 'first name of 200 characters outside the Basic Multilingual Plane', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: x(200, '\u{1D49C}') } }) },
  { name: 'tag value of 256 emoji', build: (_s, r) => minimalProps(r, { tags: { Mood: x(256, '\u{1F600}') } }) },
  { name: 'instance ARN of exactly 100 characters', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'Hundred', `${INSTANCE_ARN}${x(16, 'f')}`) }) },
  { name: '1-character username', build: (_s, r) => minimalProps(r, { username: 'a' }) },
  { name: 'email-shaped username', build: (_s, r) => minimalProps(r, { username: 'jane_doe-1.x@example.co.uk' }) },
  { name: '10 security profiles', build: (s, r) => minimalProps(r, { securityProfiles: sps(s, 10) }) },
  { name: '50 tags', build: (_s, r) => minimalProps(r, { tags: manyTags(50) }) },
  { name: 'tag key of 128 and value of 256 characters, empty value', build: (_s, r) => minimalProps(r, { tags: { [x(128)]: x(256), 'team:name/part=1+2.x_y-z': '' } }) },
  { name: 'proficiency levels 1 and 5, names of 64 characters', build: (_s, r) => minimalProps(r, { proficiencies: [UserProficiency.of(x(64), x(64), ProficiencyLevel.ONE), UserProficiency.of('Language', 'English', ProficiencyLevel.of(5)), UserProficiency.of('Language', 'French', ProficiencyLevel.of(1))] }) },
  { name: 'names at their maximum length', build: (_s, r) => minimalProps(r, { identityInfo: { firstName: x(255), lastName: x(300) } }) },
  { name: 'names at their CONNECT_MANAGED maximum length', type: CM, build: (_s, r) => minimalProps(r, { password: secret, identityInfo: { firstName: x(255), lastName: x(256) } }) },
  { name: 'unicode names in NFC', type: CM, build: (_s, r) => minimalProps(r, { password: secret, identityInfo: { firstName: 'José', lastName: '李 Ørsted-Ñúñez' } }) },
  { name: 'mobile and secondary email', build: (_s, r) => minimalProps(r, { identityInfo: { mobile: '+442071838750', secondaryEmail: 'first.last+tag@sub.example.museum' } }) },
  { name: 'after contact work at 0 and 2,000,000 seconds', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(2_000_000) }) }) },
  { name: 'after contact work in whole minutes', build: (_s, r) => minimalProps(r, { phoneConfig: PhoneConfig.deskPhone('+15555550100', { afterContactWorkTimeLimit: Duration.minutes(2), persistentConnection: true, autoAccept: false }) }) },
  { name: 'Secrets Manager password on CONNECT_MANAGED', type: CM, build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.secretsManager('arn:aws:secretsmanager:us-east-1:111122223333:secret:agent-AbCdEf', { jsonField: 'password' })), identityInfo: names }) },
  { name: 'plaintext password that meets the policy', type: CM, build: (_s, r) => minimalProps(r, { password: UserPassword.fromSecretValue(SecretValue.unsafePlainText('Pass@Word1')), identityInfo: names }) },
  { name: 'SAML user with names and email', type: SAML, build: (_s, r) => minimalProps(r, { identityInfo: samlInfo }) },
  { name: 'EXISTING_DIRECTORY user with a directory id and no password', type: DIR, build: (_s, r) => minimalProps(r, { directoryUserId: 'user-123456' }) },
  { name: 'environment-agnostic stack', env: {}, build: (_s, r) => minimalProps(r) },
  { name: 'tokens in every field', build: tokensEverywhere },
];

/** Every field a token: parameters, Lazy values and token numbers. None may be checked or crash. */
function tokensEverywhere(stack: Stack): ConnectUserProps {
  const p = (id: string, type = 'String') => new CfnParameter(stack, id, { type });
  const instance = ConnectInstance.fromInstanceArn(stack, 'TokInstance', p('InstanceArn').valueAsString);
  const pw = new CfnParameter(stack, 'Password', { type: 'String', noEcho: true });
  return {
    instance,
    username: p('Username').valueAsString,
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'TokRp', p('RoutingProfileArn').valueAsString),
    securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'TokSp', Lazy.string({ produce: () => securityProfileArn('sp-lazy') }))],
    hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'TokHg', p('HierarchyGroupArn').valueAsString),
    phoneConfig: PhoneConfig.deskPhone(p('DeskPhone').valueAsString, { afterContactWorkTimeLimit: Duration.seconds(p('Acw', 'Number').valueAsNumber) }),
    identityInfo: {
      firstName: p('FirstName').valueAsString,
      lastName: p('LastName').valueAsString,
      email: p('Email').valueAsString,
      secondaryEmail: p('SecondaryEmail').valueAsString,
      mobile: p('Mobile').valueAsString,
    },
    directoryUserId: p('DirectoryUserId').valueAsString,
    password: UserPassword.fromSecretValue(SecretValue.cfnParameter(pw)),
    proficiencies: [UserProficiency.of(p('AttrName').valueAsString, p('AttrValue').valueAsString, ProficiencyLevel.of(p('Level', 'Number').valueAsNumber))],
    tags: { [Lazy.string({ produce: () => 'LazyKey' })]: p('TagValue').valueAsString },
  };
}

describe('accepts every boundary, and cfn-lint agrees', () => {
  const templates: Array<Record<string, unknown>> = [];
  it.each(accept.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const stack = newStack(c.env);
    new ConnectUser(stack, 'User', c.build(stack, refs(stack, c.type)));
    const template = synth(stack);
    expect(Object.values(template.Resources as object).filter(r => r.Type === 'AWS::Connect::User')).toHaveLength(1);
    templates.push(template);
  });

  it('every accepted template, and every warned one, passes cfn-lint', () => {
    expect(templates).toHaveLength(accept.length);
    expect(warnedTemplates).toHaveLength(warn.length);
    assertLintClean([...templates, ...warnedTemplates]);
  });
});

describe('same-instance checks through L1s in the app', () => {
  it('rejects a CfnRoutingProfile of another CfnInstance', async () => {
    const { CfnInstance, CfnRoutingProfile, CfnSecurityProfile } = await import('aws-cdk-lib/aws-connect');
    const stack = newStack();
    const attributes = { inboundCalls: true, outboundCalls: true };
    const a = new CfnInstance(stack, 'A', { identityManagementType: 'SAML', attributes });
    const b = new CfnInstance(stack, 'B', { identityManagementType: 'SAML', attributes });
    const routingProfile = new CfnRoutingProfile(stack, 'Rp', {
      instanceArn: b.attrArn, name: 'n', description: 'd', defaultOutboundQueueArn: `${INSTANCE_ARN}/queue/q`, mediaConcurrencies: [],
    });
    const securityProfile = new CfnSecurityProfile(stack, 'Sp', { instanceArn: a.attrArn, securityProfileName: 's' });
    new ConnectUser(stack, 'U', {
      instance: a,
      username: 'agent',
      routingProfile,
      securityProfiles: [securityProfile],
      identityInfo: { firstName: 'A', lastName: 'B' },
    });
    expect(warningsOf(stack, 'otherInstance')).toEqual([expect.stringMatching(/routingProfile: the referenced resource belongs to instance 'Stack\/B', not the user's instance 'Stack\/A'/)]);
  });
});
