/**
 * Differential test of the library's validation against two oracles nobody here
 * wrote: the Amazon Connect API model shipped with botocore (CreateUser's input
 * constraints, and AssociateUserProficiencies' for proficiencies) and the
 * AWS::Connect::User registry schema, through cfn-lint.
 *
 * For every constrained member the cases come from the model's own numbers:
 * lengths around min and max, integer and float bounds, list and map sizes, each
 * enum value and a value outside it; then random mutations (fixed seed) of a
 * valid value. Each case is put into a raw AWS::Connect::User template (for
 * cfn-lint) and into the L2 (ConnectUser), and:
 *   - the L2 never rejects a value that both the model and the schema accept
 *     (no false rejects: no rule of the library that rejects a CreateUser value
 *     rests on an observation alone, so there is no exception list);
 *   - the L2 never accepts a value that the model or the schema rejects;
 *   - the L2 never fails with anything but its own validation error.
 */
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { ConnectInstance, ConnectUser, ConnectUserProps, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile, UserPassword, UserProficiency, VoicePhone } from '../src';
import { lintEach } from './util/cfn-lint';
import { ModelConstraint, modelAcceptsNumber, modelAcceptsString, readConnectModel } from './util/connect-model';
import { rawHierarchyGroup, rawInstance, rawRoutingProfile, rawSecurityProfile } from './util/fakes';

const SEED = Number(process.env.DIFF_SEED ?? 20261130);
const RANDOM_PER_FIELD = Number(process.env.DIFF_RANDOM ?? 12);

const ACCOUNT = '111122223333';
const INSTANCE = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111`;

/** How one model member reaches a raw template and the L2. */
interface Field {
  /** The model member's path, as connect-model.ts names it. */
  readonly path: string;
  /** A valid value, the seed of the random mutations (strings) or of the bounds (numbers). */
  readonly example: string | number;
  /** Characters the boundary-length strings are made of. */
  readonly fill?: string;
  /** Puts the value into raw CloudFormation properties. */
  readonly l1: (props: Record<string, any>, value: any) => void;
  /** The L2 props with the value (`undefined` when the L2's types cannot express it). */
  readonly l2: (base: ConnectUserProps, stack: Stack, value: any) => ConnectUserProps | undefined;
  /** The instance's identity-management types to try the field under (rules differ by type). */
  readonly types?: Array<IdentityManagementType | undefined>;
  /** How the value reaches the model member (the handler sends some values transformed). */
  readonly toModel?: (value: any) => any;
}

const names = { firstName: 'Agent', lastName: 'One' };
const CM = IdentityManagementType.CONNECT_MANAGED;
const SAML = IdentityManagementType.SAML;
const DIR = IdentityManagementType.EXISTING_DIRECTORY;
const arnOf = (type: string, id: string) => `${INSTANCE}/${type}/${id}`;

const FIELDS: Field[] = [
  { path: 'CreateUser.Username', example: 'jane.smith@example.com', fill: 'a', types: [undefined, CM, DIR, SAML], l1: (p, v) => { p.Username = v; }, l2: (b, _s, v) => ({ ...b, username: v }) },
  {
    path: 'CreateUser.Password',
    example: 'Pass@Word1',
    fill: 'aA1',
    types: [CM],
    l1: (p, v) => { p.Password = v; },
    l2: (b, _s, v) => ({ ...b, identityInfo: names, password: UserPassword.fromSecretValue(SecretValue.unsafePlainText(v)) }),
  },
  { path: 'CreateUser.IdentityInfo.FirstName', example: 'José', fill: '\u{1D49C}', l1: (p, v) => { p.IdentityInfo = { FirstName: v }; }, l2: (b, _s, v) => ({ ...b, identityInfo: { firstName: v } }) },
  { path: 'CreateUser.IdentityInfo.LastName', example: 'Ørsted', fill: 'é', types: [undefined, CM], l1: (p, v) => { p.IdentityInfo = { LastName: v }; }, l2: (b, _s, v) => ({ ...b, identityInfo: { lastName: v } }) },
  { path: 'CreateUser.IdentityInfo.Email', example: 'jane@example.com', types: [undefined, SAML], l1: (p, v) => { p.IdentityInfo = { Email: v }; }, l2: (b, _s, v) => ({ ...b, identityInfo: { email: v } }) },
  {
    path: 'CreateUser.IdentityInfo.SecondaryEmail',
    example: 'jane.b+tag@example.co.uk',
    l1: (p, v) => { p.IdentityInfo = { SecondaryEmail: v }; },
    l2: (b, _s, v) => ({ ...b, identityInfo: { secondaryEmail: v } }),
  },
  { path: 'CreateUser.IdentityInfo.Mobile', example: '+442071838750', l1: (p, v) => { p.IdentityInfo = { Mobile: v }; }, l2: (b, _s, v) => ({ ...b, identityInfo: { mobile: v } }) },
  {
    path: 'CreateUser.PhoneConfig.PhoneType',
    example: 'SOFT_PHONE',
    l1: (p, v) => { p.PhoneConfig = { PhoneType: v }; },
    // A look-alike, as a JavaScript caller could pass: the factories only make the two valid types.
    l2: (b, _s, v) => ({ ...b, phoneConfig: { phoneType: v } as unknown as PhoneConfig }),
  },
  {
    path: 'CreateUser.PhoneConfig.DeskPhoneNumber',
    example: '+15555559876',
    l1: (p, v) => { p.PhoneConfig = { PhoneType: 'DESK_PHONE', DeskPhoneNumber: v }; },
    l2: (b, _s, v) => ({ ...b, phoneConfig: PhoneConfig.deskPhone(v) }),
  },
  {
    path: 'CreateUser.PhoneConfig.AfterContactWorkTimeLimit',
    example: 30,
    l1: (p, v) => { p.PhoneConfig = { PhoneType: 'SOFT_PHONE', AfterContactWorkTimeLimit: v }; },
    l2: (b, _s, v) => v < 0 ? undefined : ({ ...b, phoneConfig: PhoneConfig.softPhone({ afterContactWorkTimeLimit: Duration.seconds(v) }) }),
  },
  { path: 'CreateUser.DirectoryUserId', example: 'user-123456', types: [undefined, SAML], l1: (p, v) => { p.DirectoryUserId = v; }, l2: (b, _s, v) => ({ ...b, directoryUserId: v }) },
  {
    path: 'CreateUser.SecurityProfileIds',
    example: 2,
    l1: (p, n) => { p.SecurityProfileArns = Array.from({ length: n }, (_, i) => arnOf('security-profile', `sp-${i}`)); },
    l2: (b, s, n) => ({ ...b, securityProfiles: Array.from({ length: n }, (_, i) => SecurityProfile.fromSecurityProfileArn(s, `Sp${i}`, arnOf('security-profile', `sp-${i}`))) }),
  },
  {
    path: 'CreateUser.SecurityProfileIds[]',
    example: 'c1d2e3f4-3333-4444-5555-EXAMPLE33333',
    l1: (p, v) => { p.SecurityProfileArns = [arnOf('security-profile', v)]; },
    l2: (b, s, v) => ({ ...b, securityProfiles: [rawSecurityProfile(s, `Sp${s.node.children.length}`, arnOf('security-profile', v))] }),
    toModel: v => arnOf('security-profile', v),
  },
  {
    path: 'CreateUser.RoutingProfileId',
    example: 'b1c2d3e4-0000-1111-2222-EXAMPLE22222',
    l1: (p, v) => { p.RoutingProfileArn = arnOf('routing-profile', v); },
    l2: (b, s, v) => ({ ...b, routingProfile: rawRoutingProfile(s, `Rp${s.node.children.length}`, arnOf('routing-profile', v)) }),
    toModel: v => arnOf('routing-profile', v),
  },
  {
    path: 'CreateUser.HierarchyGroupId',
    example: 'hg-1',
    l1: (p, v) => { p.HierarchyGroupArn = arnOf('agent-group', v); },
    l2: (b, s, v) => ({ ...b, hierarchyGroup: rawHierarchyGroup(s, `Hg${s.node.children.length}`, arnOf('agent-group', v)) }),
    toModel: v => arnOf('agent-group', v),
  },
  {
    // CloudFormation's handler sends InstanceArn as CreateUser's InstanceId, so the model's length
    // applies to the whole ARN: the cases vary the instance id and measure the ARN.
    path: 'CreateUser.InstanceId',
    example: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    fill: 'f',
    l1: (p, v) => { p.InstanceArn = instanceArn(v); p.RoutingProfileArn = `${instanceArn(v)}/routing-profile/rp`; p.SecurityProfileArns = [`${instanceArn(v)}/security-profile/sp`]; },
    l2: (b, s, v) => ({
      ...b,
      instance: rawInstance(s, `In${s.node.children.length}`, instanceArn(v)),
      routingProfile: rawRoutingProfile(s, `Rp${s.node.children.length}`, `${instanceArn(v)}/routing-profile/rp`),
      securityProfiles: [rawSecurityProfile(s, `Sp${s.node.children.length}`, `${instanceArn(v)}/security-profile/sp`)],
    }),
    toModel: v => instanceArn(v),
  },
  {
    path: 'CreateUser.AfterContactWorkConfigs[].AfterContactWorkConfig.AfterContactWorkTimeLimit',
    example: 0,
    l1: (p, v) => { p.AfterContactWorkConfigs = [{ Channel: 'CHAT', AfterContactWorkConfig: { AfterContactWorkTimeLimit: v } }]; },
    l2: (b, _s, v) => v < 0 ? undefined : ({ ...b, channelSettings: { chat: { afterContactWorkTimeLimit: Duration.seconds(v) } } }),
  },
  {
    path: 'CreateUser.PhoneNumberConfigs[].PhoneType',
    example: 'SOFT_PHONE',
    l1: (p, v) => { p.PhoneNumberConfigs = [{ Channel: 'VOICE', PhoneType: v }]; },
    l2: (b, _s, v) => ({ ...b, channelSettings: { voice: { phone: { phoneType: v } as unknown as VoicePhone } } }),
  },
  {
    path: 'CreateUser.PhoneNumberConfigs[].PhoneNumber',
    example: '+15555559876',
    l1: (p, v) => { p.PhoneNumberConfigs = [{ Channel: 'VOICE', PhoneType: 'DESK_PHONE', PhoneNumber: v }]; },
    l2: (b, _s, v) => ({ ...b, channelSettings: { voice: { phone: VoicePhone.deskPhone(v) } } }),
  },
  {
    path: 'CreateUser.VoiceEnhancementConfigs[].VoiceEnhancementMode',
    example: 'NONE',
    l1: (p, v) => { p.VoiceEnhancementConfigs = [{ Channel: 'VOICE', VoiceEnhancementMode: v }]; },
    l2: (b, _s, v) => ({ ...b, channelSettings: { voice: { voiceEnhancementMode: v } } }),
  },
  {
    path: 'CreateUser.Tags',
    example: 2,
    l1: (p, n) => { p.Tags = Array.from({ length: n }, (_, i) => ({ Key: `Key${i}`, Value: `v${i}` })); },
    // No tags at all is no Tags property: the model's minimum of 1 never meets an empty map.
    l2: (b, _s, n) => n === 0 ? undefined : ({ ...b, tags: Object.fromEntries(Array.from({ length: n }, (_, i) => [`Key${i}`, `v${i}`])) }),
  },
  { path: 'CreateUser.Tags{k}', example: 'team:name/part=1+2.x_y-z', fill: 'K', l1: (p, v) => { p.Tags = [{ Key: v, Value: 'v' }]; }, l2: (b, _s, v) => ({ ...b, tags: { [v]: 'v' } }) },
  { path: 'CreateUser.Tags{v}', example: 'Sales', fill: '\u{1F600}', l1: (p, v) => { p.Tags = [{ Key: 'K', Value: v }]; }, l2: (b, _s, v) => ({ ...b, tags: { K: v } }) },
  {
    path: 'AssociateUserProficiencies.UserProficiencies[].AttributeName',
    example: 'Language',
    fill: 'n',
    l1: (p, v) => { p.UserProficiencies = [{ AttributeName: v, AttributeValue: 'English', Level: 1 }]; },
    l2: (b, _s, v) => ({ ...b, proficiencies: [UserProficiency.of(v, 'English', ProficiencyLevel.ONE)] }),
  },
  {
    path: 'AssociateUserProficiencies.UserProficiencies[].AttributeValue',
    example: 'English',
    fill: '\u{1D49C}',
    l1: (p, v) => { p.UserProficiencies = [{ AttributeName: 'Language', AttributeValue: v, Level: 1 }]; },
    l2: (b, _s, v) => ({ ...b, proficiencies: [UserProficiency.of('Language', v, ProficiencyLevel.ONE)] }),
  },
  {
    path: 'AssociateUserProficiencies.UserProficiencies[].Level',
    example: 3,
    l1: (p, v) => { p.UserProficiencies = [{ AttributeName: 'Language', AttributeValue: 'English', Level: v }]; },
    l2: (b, _s, v) => ({ ...b, proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.of(v))] }),
  },
];

function instanceArn(id: string): string {
  return `arn:aws:connect:us-east-1:${ACCOUNT}:instance/${id}`;
}

/** mulberry32: a small seeded PRNG, so that every run makes the same cases. */
/* eslint-disable no-bitwise -- a PRNG is bit arithmetic */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

const POOL = [...'aZ09._-@+=:/%,;<! \t\néñ李', '\u{1D49C}', '\u{1F600}', '\u0301'];

/** Boundary and random values of a member, from its model constraint. */
function casesOf(field: Field, c: ModelConstraint, rand: () => number): unknown[] {
  const values: unknown[] = [];
  if (c.enum) {
    values.push(...c.enum, c.enum[0].toLowerCase(), 'BOGUS');
    return values;
  }
  if (c.type === 'integer' || c.type === 'float' || c.type === 'list' || c.type === 'map') {
    const min = c.min ?? 0;
    const bounds = [min - 1, min, min + 1];
    if (c.max !== undefined) bounds.push(c.max - 1, c.max, c.max + 1);
    if (c.type === 'float') bounds.push(min - 0.5, min + 1.5, (c.max ?? 10) + 0.5);
    if (c.type === 'integer') bounds.push(1.5, 2_000_000, 2_000_001);
    values.push(...bounds.filter(n => c.type === 'list' || c.type === 'map' ? n >= 0 && n <= 60 : true));
    for (let i = 0; i < RANDOM_PER_FIELD / 4; i++) {
      const top = c.max ?? 3_000_000;
      values.push(c.type === 'float' ? Math.round(rand() * (top + 2) * 100) / 100 : Math.floor(rand() * (top + 2)));
    }
    return values;
  }
  // Strings: lengths around min and max (measured on the model member), then random mutations.
  const example = String(field.example);
  const fill = [...(field.fill ?? 'a')];
  const ofLength = (n: number) => Array.from({ length: n }, (_, i) => fill[i % fill.length]).join('');
  const lengths = new Set<number>();
  for (const b of [c.min, c.max]) {
    if (b !== undefined) [b - 1, b, b + 1].forEach(n => n >= 0 && lengths.add(n));
  }
  const prefix = field.toModel ? [...String(field.toModel(''))].length : 0;
  for (const n of lengths) values.push(ofLength(Math.max(0, n - prefix)));
  values.push(example, '');
  for (let i = 0; i < RANDOM_PER_FIELD; i++) {
    const chars = [...example];
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (chars.length + 1));
      const ch = POOL[Math.floor(rand() * POOL.length)];
      const op = rand();
      if (op < 0.4) chars.splice(at, 0, ch);
      else if (op < 0.7 && chars.length > 0) chars.splice(Math.min(at, chars.length - 1), 1);
      else if (chars.length > 0) chars[Math.min(at, chars.length - 1)] = ch;
    }
    values.push(chars.join(''));
  }
  return [...new Set(values)];
}

interface Case {
  readonly field: Field;
  readonly type: IdentityManagementType | undefined;
  readonly value: unknown;
  readonly model: boolean;
  readonly template: Record<string, unknown>;
}

function baseL1(): Record<string, any> {
  return { InstanceArn: INSTANCE, Username: 'agent', RoutingProfileArn: arnOf('routing-profile', 'rp'), SecurityProfileArns: [arnOf('security-profile', 'sp')] };
}

/** Builds the L2 with the case's value: 'accepted', 'rejected' (its own error), or 'unexpressible'. */
function buildL2(k: Case): { outcome: 'accepted' | 'rejected' | 'unexpressible'; message?: string } {
  const app = new App();
  const stack = new Stack(app, 'Diff', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const base: ConnectUserProps = {
    instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn: INSTANCE, identityManagementType: k.type }),
    username: 'agent',
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Rp', arnOf('routing-profile', 'rp')),
    securityProfiles: [SecurityProfile.fromSecurityProfileArn(stack, 'Sp', arnOf('security-profile', 'sp'))],
  };
  try {
    const props = k.field.l2(base, stack, k.value);
    if (props === undefined) return { outcome: 'unexpressible' };
    const user = new ConnectUser(stack, 'User', props);
    const late = user.node.validate();
    if (late.length > 0) return { outcome: 'rejected', message: late.join('; ') };
    return { outcome: 'accepted' };
  } catch (e) {
    if ((e as Error).name !== 'ConnectUserValidationError') {
      return { outcome: 'rejected', message: `CRASH ${(e as Error).name}: ${(e as Error).message}` };
    }
    return { outcome: 'rejected', message: (e as Error).message };
  }
}

describe('differential: the library against the Amazon Connect API model and the registry schema', () => {
  const model = readConnectModel();

  it('reads the model (python3 with botocore is on every machine here)', () => {
    if (!model.constraints && !process.env.CI) {
      console.warn(`\n!!! ${model.why}: the differential test did NOT run.\n`);
      return;
    }
    expect(model.why).toBeUndefined();
    // Every member the test drives exists in the model under that name.
    for (const f of FIELDS) expect(model.constraints![f.path], f.path).toBeDefined();
  });

  it('never rejects what both accept, never accepts what either rejects, never crashes', () => {
    if (!model.constraints) return;
    const rand = prng(SEED);
    const cases: Case[] = [];
    for (const field of FIELDS) {
      const c = model.constraints[field.path];
      for (const value of casesOf(field, c, rand)) {
        const asModel = field.toModel ? field.toModel(value) : value;
        const modelOk = typeof asModel === 'number' ? modelAcceptsNumber(c, asModel) : modelAcceptsString(c, String(asModel));
        const props = baseL1();
        field.l1(props, value);
        const template = { Resources: { User: { Type: 'AWS::Connect::User', Properties: props } } };
        for (const type of field.types ?? [undefined]) cases.push({ field, type, value, model: modelOk, template });
      }
    }
    const { result, perTemplate } = lintEach(cases.map(k => k.template));
    expect(result.ran, result.output).toBe(true);

    const falseRejects: string[] = [];
    const falseAccepts: string[] = [];
    const crashes: string[] = [];
    const counts = { both: 0, rejectedByOracle: 0, unexpressible: 0 };
    cases.forEach((k, i) => {
      const schemaOk = perTemplate[i].length === 0;
      const l2 = buildL2(k);
      const label = `${k.field.path} = ${JSON.stringify(k.value)} on ${k.type ?? 'an instance of unknown type'} (model ${k.model ? 'accepts' : 'rejects'}, schema ${schemaOk ? 'accepts' : `rejects: ${perTemplate[i][0]}`})`;
      if (l2.outcome === 'unexpressible') {
        counts.unexpressible++;
        return;
      }
      if (l2.message?.startsWith('CRASH')) crashes.push(`${label}: ${l2.message}`);
      if (k.model && schemaOk) {
        counts.both++;
        if (l2.outcome === 'rejected') falseRejects.push(`${label}: ${l2.message}`);
      } else {
        counts.rejectedByOracle++;
        if (l2.outcome === 'accepted') falseAccepts.push(label);
      }
    });
    console.log(`differential: ${cases.length} cases; both oracles accept ${counts.both}, one rejects ${counts.rejectedByOracle}, not expressible in the L2 ${counts.unexpressible}`);
    expect(crashes).toEqual([]);
    expect(falseRejects).toEqual([]);
    expect(falseAccepts).toEqual([]);
    // The cases reach both sides of every oracle: not a test that passes by accepting everything.
    expect(counts.both).toBeGreaterThan(200);
    expect(counts.rejectedByOracle).toBeGreaterThan(120);
    expect(counts.unexpressible).toBeLessThan(10);
  }, 120_000);
});
