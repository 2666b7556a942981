/**
 * Property-based check of the validation against cfn-lint.
 *
 * fast-check generates user configurations, valid and broken alike. Each goes
 * through the L2 (construct + synth). On a sample, both the L2's template (when
 * it accepted) and the raw L1 template of the same configuration go through
 * cfn-lint, in one run. The properties:
 *   1. every configuration the L2 accepts lints clean;
 *   2. every configuration cfn-lint rejects, the L2 rejected first.
 */
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ConnectInstance, ConnectUser, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile, SecurityProfile,
  UserHierarchyGroup, UserProficiency,
  UserPassword,
} from '../src';
import { lintEach } from './util/cfn-lint';
import { ACCOUNT, INSTANCE_ARN, OTHER_INSTANCE_ARN, REGION } from './util/fixtures';

const RUNS = Number(process.env.FC_RUNS ?? 500);
const SEED = Number(process.env.FC_SEED ?? 20261127);
const LINT_EVERY = 6;

interface Config {
  readonly type?: IdentityManagementType;
  readonly username: string;
  readonly routingProfileArn: string;
  readonly securityProfileArns: string[];
  readonly hierarchyGroupArn?: string;
  readonly phone?: {
    readonly desk: boolean; readonly number: string; readonly autoAccept?: boolean; readonly acw?: number; readonly persistent?: boolean;
  };
  readonly identityInfo?: { firstName?: string; lastName?: string; email?: string; secondaryEmail?: string; mobile?: string };
  readonly directoryUserId?: string;
  readonly password?: { readonly kind: 'secret' | 'ssm' } | { readonly kind: 'plain'; readonly value: string };
  readonly proficiencies: Array<{ name: string; value: string; level: number }>;
  readonly tags: Array<[string, string]>;
}

const weighted = <T>(...items: Array<[number, fc.Arbitrary<T>]>) => fc.oneof(...items.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LOWER}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789`;

/**
 * Generators of each field. With `bad` false they yield only valid values (and the
 * configuration is made consistent with its identity-management type); with `bad`
 * true they mix in values that break one rule or another.
 */
function configOf(bad: boolean): fc.Arbitrary<Config> {
  const mix = <T>(good: fc.Arbitrary<T>, ...broken: Array<[number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
    bad ? weighted<T>([4, good], ...broken) : good;

  const username = (max: number) => mix<string>(
    weighted<string>([6, chars(`${LOWER}0123456789._-`, 1, max)], [1, fc.tuple(chars(LOWER, 1, 5), chars(LOWER, 1, 5)).map(([a, b]) => `${a}@${b}.com`)]),
    [1, chars(`${LOWER}@`, 1, 12)], [1, chars(`${LOWER} !ö#`, 0, 70)], [1, chars(LOWER, 19, 70)],
  );
  const child = (type: string) => mix<string>(
    chars(LOWER, 1, 6).map(id => `${INSTANCE_ARN}/${type}/${id}`),
    [1, fc.constant(`${OTHER_INSTANCE_ARN}/${type}/x`)],
    [1, fc.constantFrom(`${INSTANCE_ARN}/queue/q`, `arn:aws:connect:${REGION}:${ACCOUNT}:${type}/x`, `${INSTANCE_ARN}/${type}/`, 'x')],
  );
  const e164 = mix<string>(fc.integer({ min: 10, max: 99999999999999 }).map(n => `+1${n}`), [1, fc.constantFrom('555-1234', '+0123', '12345', '+', '')]);
  const name = (max: number, required: boolean) => mix<string | undefined>(
    required ? chars(`${LOWER}ÉéçØ 李-'`, 1, 20) : fc.option(chars(`${LOWER}ÉéçØ 李-'`, 1, 20), { nil: undefined }),
    [1, fc.constant(undefined)], [1, fc.constantFrom('', 'Jose\u0301')], [1, chars(LOWER, max - 2, max + 2)],
  );
  const email = (required: boolean) => mix<string | undefined>(
    required ? fc.constant('agent@example.com') : fc.option(fc.constant('agent@example.com'), { nil: undefined }),
    [1, fc.constant(undefined)], [1, fc.constantFrom('not an email', 'a@b', 'x a@b.co', `${'a'.repeat(260)}@example.com`)],
  );
  const securityProfiles = mix<string[]>(
    fc.uniqueArray(child('security-profile'), { minLength: 1, maxLength: 10 }),
    [1, fc.array(fc.constant(`${INSTANCE_ARN}/security-profile/sp`), { minLength: 0, maxLength: 12 })],
    [1, fc.uniqueArray(chars(LOWER, 2, 4).map(id => `${INSTANCE_ARN}/security-profile/${id}`), { minLength: 9, maxLength: 12 })],
  );
  const phone = fc.option(fc.record({
    desk: fc.boolean(),
    number: e164,
    autoAccept: fc.option(fc.boolean(), { nil: undefined }),
    acw: fc.option(mix<number>(fc.integer({ min: 0, max: 2_000_000 }), [1, fc.constantFrom(-1, 1.5, 2_000_001)]), { nil: undefined }),
    persistent: fc.option(fc.boolean(), { nil: undefined }),
  }), { nil: undefined });
  const password = (type: IdentityManagementType | undefined) => {
    const plain = (extras: string[]) => fc.tuple(chars(ALNUM, 5, 12), fc.constantFrom(...extras))
      .map(([v, extra]) => ({ kind: 'plain' as const, value: `${v}aA1${extra}` }));
    const good: fc.Arbitrary<Config['password']> = type === IdentityManagementType.CONNECT_MANAGED
      ? weighted<Config['password']>([3, fc.constant({ kind: 'secret' as const })], [1, plain(['', '!'])])
      : type === undefined ? fc.option(fc.constant({ kind: 'secret' as const }), { nil: undefined }) : fc.constant(undefined);
    return mix<Config['password']>(good,
      [1, fc.constant({ kind: 'ssm' as const })], [1, fc.constant(undefined)], [1, fc.constant({ kind: 'secret' as const })],
      [1, fc.tuple(chars(ALNUM, 0, 12), fc.constantFrom('', ' ')).map(([v, extra]) => ({ kind: 'plain' as const, value: `${v}${extra}` }))]);
  };
  const proficiency = fc.record({
    name: mix<string>(fc.constantFrom('Language', 'Skill'), [1, chars(LOWER, 0, 70)]),
    value: mix<string>(fc.constantFrom('English', 'Spanish', 'Billing'), [1, chars(LOWER, 0, 70)]),
    level: mix<number>(fc.integer({ min: 1, max: 5 }), [1, fc.constantFrom(0, 6, 2.5)]),
  });
  // Duplicates (same name and value) only among the broken configurations.
  const proficiencies = bad ? fc.array(proficiency, { maxLength: 4 }) : fc.uniqueArray(proficiency, { maxLength: 4, selector: p => `${p.name}=${p.value}` });
  const tags = mix<Array<[string, string]>>(
    fc.uniqueArray(fc.tuple(chars(`${ALNUM}:_.-`, 1, 12), chars(ALNUM, 0, 10)), { maxLength: 4, selector: ([k]) => k }).filter(t => t.every(([k]) => !k.startsWith('aws:'))),
    [1, fc.uniqueArray(fc.tuple(chars(`${LOWER} @`, 1, 8), fc.constant('v')), { maxLength: 3, selector: ([k]) => k })],
    [1, fc.constantFrom<Array<[string, string]>>([['aws:x', 'v']], [['k', 'v'.repeat(257)]], Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']))],
  );

  const types = [undefined, IdentityManagementType.CONNECT_MANAGED, IdentityManagementType.SAML, IdentityManagementType.EXISTING_DIRECTORY];
  return fc.constantFrom(...types).chain(type => {
    const saml = type === IdentityManagementType.SAML;
    const namesRequired = saml || type === IdentityManagementType.CONNECT_MANAGED;
    return fc.record({
      type: fc.constant(type),
      username: username(type === undefined || saml ? 64 : 20),
      routingProfileArn: child('routing-profile'),
      securityProfileArns: securityProfiles,
      hierarchyGroupArn: fc.option(child('agent-group'), { nil: undefined }),
      phone,
      identityInfo: (namesRequired ? fc.constant(true) : fc.boolean()).chain(present => present
        ? fc.record({
          firstName: name(255, namesRequired),
          lastName: name(256, namesRequired),
          email: email(saml),
          secondaryEmail: email(false),
          mobile: fc.option(e164, { nil: undefined }),
        })
        : fc.constant(undefined)),
      directoryUserId: saml && !bad ? fc.constant(undefined) : fc.option(fc.constantFrom('user-1', 'dir-42'), { nil: undefined }),
      password: password(type),
      proficiencies,
      tags,
    });
  });
}

const config = fc.oneof(configOf(false), configOf(true));

const env = { account: ACCOUNT, region: REGION };
const secret = SecretValue.secretsManager('agent-password');
const ssm = SecretValue.ssmSecure('/agents/password', '1');
function passwordOf(c: Config): SecretValue | undefined {
  const pw = c.password;
  if (pw === undefined) return undefined;
  if (pw.kind === 'plain') return SecretValue.unsafePlainText(pw.value);
  return pw.kind === 'secret' ? secret : ssm;
}

/** The configuration through the L2: its template, or the error that rejected it. */
function throughL2(c: Config): { template?: Record<string, unknown>; error?: string } {
  try {
    const app = new App();
    const stack = new Stack(app, 'L2', { env });
    const user = new ConnectUser(stack, 'User', {
      instance: ConnectInstance.fromInstanceAttributes(stack, 'Instance', { instanceArn: INSTANCE_ARN, identityManagementType: c.type }),
      username: c.username,
      routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'Rp', c.routingProfileArn),
      securityProfiles: c.securityProfileArns.map((arn, i) => SecurityProfile.fromSecurityProfileArn(stack, `Sp${i}`, arn)),
      hierarchyGroup: c.hierarchyGroupArn === undefined ? undefined : UserHierarchyGroup.fromUserHierarchyGroupArn(stack, 'Hg', c.hierarchyGroupArn),
      phoneConfig: c.phone && (() => {
        const acw = c.phone.acw === undefined ? undefined : Duration.millis(c.phone.acw * 1000);
        const opts = { autoAccept: c.phone.autoAccept, persistentConnection: c.phone.persistent, afterContactWorkTimeLimit: acw };
        return c.phone.desk ? PhoneConfig.deskPhone(c.phone.number, opts) : PhoneConfig.softPhone(opts);
      })(),
      identityInfo: c.identityInfo,
      directoryUserId: c.directoryUserId,
      password: passwordOf(c) && UserPassword.fromSecretValue(passwordOf(c)!),
      tags: Object.fromEntries(c.tags),
    });
    c.proficiencies.forEach(p => user.addProficiency(UserProficiency.of(p.name, p.value, ProficiencyLevel.of(p.level))));
    app.synth();
    return { template: Template.fromStack(stack).toJSON() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The same configuration as a raw CfnUser, unvalidated: what a user of the L1 would deploy. */
function throughL1(c: Config): Record<string, unknown> {
  const stack = new Stack(new App(), 'L1', { env });
  new CfnUser(stack, 'User', {
    instanceArn: INSTANCE_ARN,
    username: c.username,
    routingProfileArn: c.routingProfileArn,
    securityProfileArns: c.securityProfileArns,
    hierarchyGroupArn: c.hierarchyGroupArn,
    phoneConfig: c.phone && {
      phoneType: c.phone.desk ? 'DESK_PHONE' : 'SOFT_PHONE',
      deskPhoneNumber: c.phone.desk ? c.phone.number : undefined,
      autoAccept: c.phone.autoAccept,
      afterContactWorkTimeLimit: c.phone.acw,
      persistentConnection: c.phone.persistent,
    },
    identityInfo: c.identityInfo,
    directoryUserId: c.directoryUserId,
    password: passwordOf(c)?.unsafeUnwrap(),
    userProficiencies: c.proficiencies.length
      ? c.proficiencies.map(p => ({ attributeName: p.name, attributeValue: p.value, level: p.level }))
      : undefined,
    tags: c.tags.length ? c.tags.map(([key, value]) => ({ key, value })) : undefined,
  });
  return Template.fromStack(stack).toJSON();
}

describe('generated configurations: the L2 against cfn-lint', () => {
  it(`${RUNS} configurations: accepted ones lint clean, and cfn-lint finds nothing the L2 let through`, () => {
    const sample: Array<{ config: Config; l2: ReturnType<typeof throughL2> }> = [];
    let accepted = 0;
    let n = 0;
    fc.assert(fc.property(config, c => {
      const l2 = throughL2(c);
      if (l2.template) accepted++;
      // The L2 either accepts or rejects with its own error: it never crashes on generated input.
      if (l2.error) expect(l2.error).toMatch(/ has \d+ problems?:\n|Duration amounts cannot be negative/);
      if (n++ % LINT_EVERY === 0) sample.push({ config: c, l2 });
    }), { numRuns: RUNS, seed: SEED });

    // Both outcomes are well represented, so neither property holds vacuously.
    expect(accepted).toBeGreaterThan(RUNS / 10);
    expect(RUNS - accepted).toBeGreaterThan(RUNS / 10);

    const l1Templates = sample.map(s => throughL1(s.config));
    const l2Templates = sample.filter(s => s.l2.template).map(s => s.l2.template!);
    const { result, perTemplate } = lintEach([...l1Templates, ...l2Templates]);
    if (!result.ran) {
      if (process.env.CI) throw new Error(`cfn-lint is not installed: ${result.output}`);
      console.warn('\n!!! cfn-lint is not installed: the generated templates were NOT linted\n');
      return;
    }
    const l1Errors = perTemplate.slice(0, l1Templates.length);
    const l2Errors = perTemplate.slice(l1Templates.length);

    const acceptedButLintFails = l2Errors.map((errors, i) => ({ errors, i })).filter(x => x.errors.length > 0);
    expect(acceptedButLintFails.map(x => x.errors.join('; '))).toEqual([]);

    const lintRejectsL2Accepted = sample
      .map((s, i) => ({ s, errors: l1Errors[i] }))
      .filter(x => x.errors.length > 0 && x.s.l2.template !== undefined)
      .map(x => `${JSON.stringify(x.s.config)} -> ${x.errors.join('; ')}`);
    expect(lintRejectsL2Accepted).toEqual([]);

    // cfn-lint did reject some of the sample, so property 2 was exercised.
    const lintRejected = l1Errors.filter(e => e.length > 0).length;
    expect(lintRejected).toBeGreaterThan(sample.length / 10);
    console.log(`${RUNS} configurations (seed ${SEED}): the L2 accepted ${accepted}; cfn-lint checked a sample of ${sample.length} `
      + `as L1 templates (rejected ${lintRejected}, all rejected by the L2 too) and the ${l2Templates.length} accepted ones among them as L2 templates (all clean)`);
  }, 300_000);
});
