/**
 * The rules of src/private/rules/references.ts: the shape of the instance, routing
 * profile, security profile and hierarchy group ARNs, that they belong to the user's
 * instance, the instance's region and account, and the security profiles' count.
 */
import { Aws, Fn, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, RoutingProfile, SecurityProfile, UserHierarchyGroup } from '../../src';
import { couldBeConnectArn, parseConnectArn } from '../../src/private/arn';
import { rawHierarchyGroup, rawInstance, rawRoutingProfile, rawSecurityProfile } from '../util/fakes';
import {
  hierarchyGroupArn, INSTANCE_ARN, minimalProps, newStack, OTHER_INSTANCE_ARN, refs, routingProfileArn, securityProfileArn, warningsOf,
} from '../util/fixtures';
import { AcceptCase, RejectCase, repeat, ruleCases, synth, WarnCase } from '../util/rules';

/** `n` security profiles of the fixtures' instance. */
function securityProfiles(stack: Stack, n: number) {
  return Array.from({ length: n }, (_, i) => SecurityProfile.fromSecurityProfileArn(stack, `Sp${i}`, securityProfileArn(`sp-${i}`)));
}

const reject: RejectCase[] = [
  // checkSecurityProfileArns
  { rule: 'security profiles: none', build: (_s, r) => minimalProps(r, { securityProfiles: [] }), error: /securityProfiles: 0 given; expected 1-10/ },
  { rule: 'security profiles: 11', build: (s, r) => minimalProps(r, { securityProfiles: securityProfiles(s, 11) }), error: /securityProfiles: 11 given; expected 1-10/ },
  { rule: 'security profiles: duplicate', build: (_s, r) => minimalProps(r, { securityProfiles: [r.securityProfile, r.securityProfile] }), error: /securityProfiles: '.*security-profile\/sp-1' is listed more than once/ },
  // checkArn, through checkMember and checkInstance
  { rule: 'security profile ARN shape', build: (s, r) => minimalProps(r, { securityProfiles: [rawSecurityProfile(s, 'Bad', routingProfileArn())] }), error: /securityProfiles\[0\]: '.*routing-profile\/rp-1' is not an Amazon Connect security-profile ARN/ },
  { rule: 'routing profile ARN shape', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'Bad', 'arn:aws:connect:us-east-1:111122223333:routing-profile/rp-1') }), error: /routingProfile: .* is not an Amazon Connect routing-profile ARN; expected arn:<partition>:connect:<region>:<account>:instance\/<instance-id>\/routing-profile/ },
  { rule: 'hierarchy group ARN shape', build: (s, r) => minimalProps(r, { hierarchyGroup: rawHierarchyGroup(s, 'Bad', `${INSTANCE_ARN}/hierarchy-group/hg-1`) }), error: /hierarchyGroup: .* is not an Amazon Connect agent-group ARN/ },
  { rule: 'instance ARN shape', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'Bad', 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111') }), error: /instance: 'a1b2c3d4-.*' is not an Amazon Connect instance ARN/ },
  { rule: 'instance ARN over 100 characters (sent as InstanceId)', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'Long', `${INSTANCE_ARN}${repeat(20, 'f')}`) }), error: /instance: .* is 104 characters long; expected at most 100, as CloudFormation sends it as CreateUser's InstanceId/ },
  // checkArn on an ARN built from tokens and text (checkTokenArn)
  { rule: 'token-built routing profile ARN without instance/<id>/', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'TokRp', `arn:aws:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:routing-profile/rp-1`) }), error: /routingProfile: 'arn:aws:connect:\$\{token\}:\$\{token\}:routing-profile\/rp-1' \(built from tokens\) cannot be an Amazon Connect routing-profile ARN, whatever its tokens resolve to; expected arn:<partition>:connect:<region>:<account>:instance\/<instance-id>\/routing-profile/ },
  { rule: 'token-built security profile ARN given as the routing profile', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'TokSp', `arn:${Aws.PARTITION}:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/${Fn.importValue('InstanceId')}/security-profile/sp-1`) }), error: /routingProfile: .* \(built from tokens\) cannot be an Amazon Connect routing-profile ARN/ },
  { rule: 'token-built instance ARN with a 3-digit account', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'TokInst', `arn:aws:connect:${Aws.REGION}:123:instance/${Fn.importValue('InstanceId')}`) }), error: /instance: 'arn:aws:connect:\$\{token\}:123:instance\/\$\{token\}' \(built from tokens\) cannot be an Amazon Connect instance ARN/ },
  { rule: 'token-built ARN given to an import', build: (s, r) => minimalProps(r, { hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(s, 'TokHg', `arn:aws:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:agent-group/hg-1`) }), error: /\(built from tokens\) cannot be an Amazon Connect agent-group ARN/ },
];

const warn: WarnCase[] = [
  // checkMember
  { rule: 'security profile of another instance', build: (s, r) => minimalProps(r, { securityProfiles: [SecurityProfile.fromSecurityProfileArn(s, 'Other', securityProfileArn('sp-9', OTHER_INSTANCE_ARN))] }), id: 'otherInstance', text: /securityProfiles\[0\]: .* belongs to instance .*ffffffff.*, not the user's instance/ },
  { rule: 'routing profile of another instance', build: (s, r) => minimalProps(r, { routingProfile: RoutingProfile.fromRoutingProfileArn(s, 'Other', routingProfileArn('rp-9', OTHER_INSTANCE_ARN)) }), id: 'otherInstance', text: /routingProfile: .* belongs to instance/ },
  { rule: 'hierarchy group of another instance', build: (s, r) => minimalProps(r, { hierarchyGroup: UserHierarchyGroup.fromUserHierarchyGroupArn(s, 'Other', hierarchyGroupArn('hg-9', OTHER_INSTANCE_ARN)) }), id: 'otherInstance', text: /hierarchyGroup: .* belongs to instance/ },
  // checkInstance
  { rule: 'instance in another region than the stack', build: (s, r) => minimalProps(r, { instance: ConnectInstance.fromInstanceArn(s, 'Far', INSTANCE_ARN.replace('us-east-1', 'eu-west-2')) }), id: 'instanceRegion', text: /instance: .* is in region eu-west-2 but the stack deploys to us-east-1/ },
  { rule: 'instance in another account than the stack', build: (s, r) => minimalProps(r, { instance: ConnectInstance.fromInstanceArn(s, 'Foreign', INSTANCE_ARN.replace('111122223333', '999988887777')) }), id: 'instanceAccount', text: /instance: .* is in account 999988887777 but the stack deploys to 111122223333/ },
  // checkArn
  { rule: 'instance ARN with an empty region', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'NoRegion', INSTANCE_ARN.replace('us-east-1', '')) }), id: 'arnShape', text: /instance: .* has an empty region/ },
  { rule: 'routing profile ARN with an empty id', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'NoId', routingProfileArn('')) }), id: 'arnShape', text: /routingProfile: .* has an empty routing-profile id/ },
];

const accept: AcceptCase[] = [
  { name: 'instance ARN of exactly 100 characters', build: (s, r) => minimalProps(r, { instance: rawInstance(s, 'Hundred', `${INSTANCE_ARN}${repeat(16, 'f')}`) }) },
  { name: '10 security profiles', build: (s, r) => minimalProps(r, { securityProfiles: securityProfiles(s, 10) }) },
  { name: 'environment-agnostic stack', env: {}, build: (_s, r) => minimalProps(r) },
  { name: 'routing profile ARN built from tokens in every part', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'TokAll', `arn:${Aws.PARTITION}:connect:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/${Fn.importValue('InstanceId')}/routing-profile/${Fn.importValue('RpId')}`) }) },
  { name: 'routing profile ARN as an instance ARN token and text', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'TokInstRp', `${Fn.importValue('InstanceArn')}/routing-profile/rp-1`) }) },
  { name: 'routing profile ARN wholly a token', build: (s, r) => minimalProps(r, { routingProfile: rawRoutingProfile(s, 'TokWhole', Fn.importValue('RoutingProfileArn')) }) },
];

ruleCases({ reject, warn, accept });

describe('security profiles added later with addSecurityProfile()', () => {
  it('count against the limit of 10 (checkSecurityProfileArns, at synth)', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    securityProfiles(stack, 10).forEach(sp => user.addSecurityProfile(sp));
    expect(() => synth(stack)).toThrow(/securityProfiles: 11 given; expected 1-10/);
  });

  it('have their ARN and instance checked (checkMember)', () => {
    const stack = newStack();
    const user = new ConnectUser(stack, 'Agent', minimalProps(refs(stack)));
    user.addSecurityProfile(SecurityProfile.fromSecurityProfileArn(stack, 'Other', securityProfileArn('sp-9', OTHER_INSTANCE_ARN)));
    expect(warningsOf(stack, 'otherInstance')).toEqual([expect.stringMatching(/addSecurityProfile\(\): .* belongs to instance/)]);
    expect(() => user.addSecurityProfile(rawSecurityProfile(stack, 'Bad', 'nope'))).toThrow(/addSecurityProfile\(\): 'nope' is not an Amazon Connect security-profile ARN/);
  });
});

describe('imports reject malformed literal ARNs (checkImportArn)', () => {
  const stack = newStack();
  it.each([
    ['ConnectInstance.fromInstanceArn', () => ConnectInstance.fromInstanceArn(stack, 'I', `${INSTANCE_ARN}/`), /instanceArn: .* is not an Amazon Connect instance ARN/],
    ['ConnectInstance.fromInstanceArn (a 13-digit account)', () => ConnectInstance.fromInstanceArn(stack, 'I2', INSTANCE_ARN.replace('111122223333', '1111222233334')), /not an Amazon Connect instance ARN/],
    ['RoutingProfile.fromRoutingProfileArn', () => RoutingProfile.fromRoutingProfileArn(stack, 'R', securityProfileArn()), /routingProfileArn: .* is not an Amazon Connect routing-profile ARN/],
    ['SecurityProfile.fromSecurityProfileArn (docs example without instance/)', () => SecurityProfile.fromSecurityProfileArn(stack, 'S', 'arn:aws:connect:us-east-1:111122223333:security-profile/sp-1'), /securityProfileArn: .* is not an Amazon Connect security-profile ARN/],
    ['UserHierarchyGroup.fromUserHierarchyGroupArn', () => UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'H', 'hg-1'), /userHierarchyGroupArn: 'hg-1' is not an Amazon Connect agent-group ARN/],
    ['ConnectUser.fromUserArn (12-digit account required)', () => ConnectUser.fromUserArn(stack, 'U', 'arn:aws:connect:us-east-1:1234:instance/i-1/agent/u-1'), /userArn: .* is not an Amazon Connect agent ARN/],
  ])('%s', (_name, fn, error) => {
    expect(fn).toThrow(error);
  });
});

describe('same-instance checks through L1s in the app (checkMember)', () => {
  it('warns of a CfnRoutingProfile of another CfnInstance, naming both instances by path', async () => {
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

describe('security profiles given when the user is made', () => {
  it('are checked then, not only at synth', () => {
    const stack = newStack();
    const r = refs(stack);
    // No synth: the constructor throws.
    expect(() => new ConnectUser(stack, 'U', minimalProps(r, { securityProfiles: [r.securityProfile, r.securityProfile] })))
      .toThrow(/securityProfiles: '.*security-profile\/sp-1' is listed more than once/);
  });
});

describe('couldBeConnectArn (the literal parts of an ARN built from tokens)', () => {
  const types = ['instance', 'agent', 'routing-profile', 'security-profile', 'agent-group'] as const;
  const validArn = fc.record({
    type: fc.constantFrom(...types),
    region: fc.stringMatching(/^[-a-z0-9]{0,12}$/),
    account: fc.stringMatching(/^[0-9]{12}$/),
    instance: fc.stringMatching(/^[-a-zA-Z0-9]{0,20}$/),
    id: fc.stringMatching(/^[-a-zA-Z0-9]{0,20}$/),
  }).map(({ type, region, account, instance, id }) => ({
    type,
    arn: `arn:aws:connect:${region}:${account}:instance/${instance}${type === 'instance' ? '' : `/${type}/${id}`}`,
  }));

  it('agrees with the schema pattern on literal strings, valid or not', () => {
    const arnLike = fc.oneof(validArn.map(v => v.arn), fc.stringMatching(/^arn:aws:connect:[-a-z0-9:]{0,16}\/?[a-z/-]{0,24}$/), fc.string());
    fc.assert(fc.property(arnLike, fc.constantFrom(...types), (arn, type) => {
      expect(couldBeConnectArn([arn], type)).toBe(parseConnectArn(arn, type) !== undefined);
    }), { numRuns: 500 });
  });

  it('accepts every valid ARN with any of its substrings made a token', () => {
    fc.assert(fc.property(validArn, fc.nat(), fc.nat(), ({ arn, type }, a, b) => {
      const [from, to] = [a % (arn.length + 1), b % (arn.length + 1)].sort((x, y) => x - y);
      expect(couldBeConnectArn([arn.slice(0, from), undefined, arn.slice(to)], type)).toBe(true);
    }), { numRuns: 500 });
  });

  it('rejects literal parts that no token values can complete', () => {
    // A routing profile's id cannot hold a '/', whatever the token before it.
    expect(couldBeConnectArn(['arn:aws:connect:', undefined, '/security-profile/sp-1'], 'routing-profile')).toBe(false);
    // Text after the last token decides the type.
    expect(couldBeConnectArn([undefined, '/routing-profile/rp-1'], 'routing-profile')).toBe(true);
    expect(couldBeConnectArn([undefined, '/routing-profile/rp-1'], 'security-profile')).toBe(false);
    // Not a Connect ARN at all.
    expect(couldBeConnectArn(['arn:aws:iam::', undefined, ':role/x'], 'instance')).toBe(false);
  });
});
