/**
 * The user's L1 (src/private/user/resource.ts): CDK's scan for cross-stack references skips a user that holds no
 * token. The oracle is CDK's own rendering: every app here is synthesized twice, once as the library does it and
 * once with `UserResource._toCloudFormation` put back to `CfnResource`'s, and every file of the two cloud
 * assemblies must be the same, byte for byte.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Aws, App, CfnCondition, CfnDeletionPolicy, CfnParameter, CfnResource, Fn, NestedStack, Stack, Tags, Token } from 'aws-cdk-lib';
import { CfnInstance, CfnRoutingProfile, CfnSecurityProfile, CfnUser } from 'aws-cdk-lib/aws-connect';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectInstance, ConnectUser, ConnectUserRoster, IdentityManagementType, PhoneConfig, ProficiencyLevel, RoutingProfile,
  SecurityProfile, UserPassword, UserProficiency,
} from '../src';
import { ACCOUNT, INSTANCE_ARN, REGION, refs, routingProfileArn, securityProfileArn } from './util/fixtures';
import { UserResource } from '../src/private/user/resource';

const env = { account: ACCOUNT, region: REGION };

/** References made in the console, imported by ARN, with fixed construct ids (the two runs must name them alike). */
function literalRefs(stack: Stack) {
  return {
    instance: ConnectInstance.fromInstanceArn(stack, 'LiteralInstance', INSTANCE_ARN),
    routingProfile: RoutingProfile.fromRoutingProfileArn(stack, 'LiteralBasic', routingProfileArn()),
    securityProfile: SecurityProfile.fromSecurityProfileArn(stack, 'LiteralAgent', securityProfileArn()),
  };
}

/** Every file of an app's cloud assembly, by its path in the assembly (tree.json left out: it holds no template). */
function assemblyFiles(build: (app: App) => void): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-resource-'));
  try {
    // No stack traces in the manifest's metadata: they name this test's own frames, which differ between the two runs.
    const app = new App({ outdir, context: { 'aws:cdk:disable-stack-trace': true } });
    build(app);
    app.synth();
    const files = new Map<string, string>();
    for (const name of fs.readdirSync(outdir).sort()) {
      if (name === 'tree.json') continue;
      files.set(name, fs.readFileSync(path.join(outdir, name), 'utf8'));
    }
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The assembly as CDK renders it without the library's skip: the L1's rendering is `CfnResource`'s again. */
function cdkOwnAssembly(build: (app: App) => void): Map<string, string> {
  const own = vi.spyOn(UserResource.prototype, '_toCloudFormation').mockImplementation(function (this: UserResource) {
    return CfnResource.prototype._toCloudFormation.call(this);
  });
  try {
    return assemblyFiles(build);
  } finally {
    own.mockRestore();
  }
}

/** The library's assembly, with the calls of CDK's rendering of a user's L1 counted. */
function libraryAssembly(build: (app: App) => void): { files: Map<string, string>; renders: number } {
  let renders = 0;
  const original = CfnResource.prototype._toCloudFormation;
  const count = vi.spyOn(CfnResource.prototype, '_toCloudFormation').mockImplementation(function (this: CfnResource) {
    if (this instanceof UserResource) renders++;
    return original.call(this);
  });
  try {
    return { files: assemblyFiles(build), renders };
  } finally {
    count.mockRestore();
  }
}

function expectSameAsCdk(build: (app: App) => void): { files: Map<string, string>; renders: number } {
  const library = libraryAssembly(build);
  const cdk = cdkOwnAssembly(build);
  expect([...library.files.keys()]).toEqual([...cdk.keys()]);
  for (const [name, text] of cdk) expect(library.files.get(name), name).toBe(text);
  return library;
}

const templatesOf = (files: Map<string, string>) => [...files].filter(([n]) => n.endsWith('.template.json')).map(([, t]) => t).join('\n');

afterEach(() => vi.restoreAllMocks());

describe('UserResource: the templates are CDK\'s own', () => {
  it('literal users in a top-level stack: each rendered once, where CDK renders it twice (its reference scan, then the template)', () => {
    const build = (app: App) => {
      const stack = new Stack(app, 'Agents', { env });
      const r = literalRefs(stack);
      for (let i = 0; i < 3; i++) {
        new ConnectUser(stack, `Agent${i}`, {
          instance: r.instance,
          username: `agent.${i}`,
          routingProfile: r.routingProfile,
          securityProfiles: [r.securityProfile],
          phoneConfig: PhoneConfig.softPhone(),
          identityInfo: { firstName: 'Ann', lastName: `Agent${i}` },
          proficiencies: [UserProficiency.of('Language', 'English', ProficiencyLevel.of(3))],
          tags: { Site: 'NYC' },
        });
      }
    };
    const { renders } = expectSameAsCdk(build);
    // 3 users, rendered for the template only. Without the skip (the rule removed), CDK's scan renders each too: 6.
    expect(renders).toBe(3);
  });

  it('a roster in nested shards: each literal agent rendered once, where CDK renders it three times', () => {
    const build = (app: App) => {
      const stack = new Stack(app, 'Agents', { env });
      new ConnectUserRoster(stack, 'Roster', {
        instance: ConnectInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
        routingProfiles: { Basic: RoutingProfile.fromRoutingProfileArn(stack, 'Basic', routingProfileArn()) },
        securityProfiles: { Agent: SecurityProfile.fromSecurityProfileArn(stack, 'Agent', securityProfileArn()) },
        shardCount: 2,
        tags: { Site: 'NYC' },
        // 12 agents: more than the default 5 lanes, so that pacing writes DependsOn overrides.
        users: Array.from({ length: 12 }, (_, i) => ({
          username: `agent.${i}`, routingProfile: 'Basic', securityProfiles: ['Agent'], phoneConfig: PhoneConfig.softPhone(),
        })),
      });
    };
    const { renders, files } = expectSameAsCdk(build);
    expect(renders).toBe(12);
    expect(templatesOf(files)).toContain('"DependsOn"');
  });

  it('references from another stack, a parent stack, tokens added after construction and in overrides: all found', () => {
    const build = (app: App) => {
      const base = new Stack(app, 'Base', { env });
      const instance = new CfnInstance(base, 'Instance', {
        identityManagementType: 'CONNECT_MANAGED',
        instanceAlias: 'contact-center',
        attributes: { inboundCalls: true, outboundCalls: true },
      });
      const routing = new CfnRoutingProfile(base, 'Routing', {
        instanceArn: instance.attrArn,
        name: 'Basic',
        description: 'basic',
        defaultOutboundQueueArn: `${INSTANCE_ARN}/queue/q-1`,
        mediaConcurrencies: [{ channel: 'VOICE', concurrency: 1 }],
      });
      const security = new CfnSecurityProfile(base, 'Security', { instanceArn: instance.attrArn, securityProfileName: 'Agent' });
      const later = new CfnSecurityProfile(base, 'Later', { instanceArn: instance.attrArn, securityProfileName: 'Later' });

      // A ConnectUser in another stack: its ARNs are the base stack's exports.
      const agents = new Stack(app, 'Agents', { env });
      const cross = new ConnectUser(agents, 'Cross', {
        instance: ConnectInstance.fromInstanceAttributes(agents, 'Instance', {
          instanceArn: instance.attrArn, identityManagementType: IdentityManagementType.CONNECT_MANAGED,
        }),
        username: 'cross.agent',
        routingProfile: routing,
        securityProfiles: [security],
        password: UserPassword.generate(),
      });
      // Tokens that come after construction: a security profile of the base stack, a tag and an override.
      const literal = literalRefs(agents);
      const late = new ConnectUser(agents, 'Late', {
        instance: literal.instance, username: 'late.agent', routingProfile: literal.routingProfile, securityProfiles: [literal.securityProfile],
      });
      late.addSecurityProfile(later);
      Tags.of(late).add('Region', Aws.REGION);
      const overridden = new ConnectUser(agents, 'Overridden', {
        instance: literal.instance, username: 'overridden.agent', routingProfile: literal.routingProfile, securityProfiles: [literal.securityProfile],
      });
      (overridden.node.defaultChild as CfnUser).addPropertyOverride('HierarchyGroupArn', Fn.join('', [instance.attrArn, '/agent-group/hg-1']));
      const conditioned = new ConnectUser(agents, 'Conditioned', {
        instance: literal.instance, username: 'conditioned.agent', routingProfile: literal.routingProfile, securityProfiles: [literal.securityProfile],
      });
      (conditioned.node.defaultChild as CfnUser).cfnOptions.condition = new CfnCondition(agents, 'InRegion', {
        expression: Fn.conditionEquals(Aws.REGION, REGION),
      });
      void cross;
      // A number token written into text (a tag 'v<version>'), from a parameter of the base stack: CDK finds it by its
      // digits, not by a token marker, and must still export it.
      const version = new CfnParameter(base, 'Version', { type: 'Number' }).valueAsNumber;
      const versioned = new ConnectUser(agents, 'Versioned', {
        instance: literal.instance, username: 'versioned.agent', routingProfile: literal.routingProfile, securityProfiles: [literal.securityProfile],
      });
      Tags.of(versioned).add('Version', `v${version}`);

      // A nested stack's users, referring to their parent's resources (nested-stack parameters).
      const parent = new Stack(app, 'Parent', { env });
      const parentInstance = new CfnInstance(parent, 'Instance', {
        identityManagementType: 'SAML', instanceAlias: 'parent-center', attributes: { inboundCalls: true, outboundCalls: true },
      });
      const nested = new NestedStack(parent, 'Nested');
      new ConnectUser(nested, 'NestedAgent', {
        instance: ConnectInstance.fromInstanceAttributes(nested, 'Instance', {
          instanceArn: parentInstance.attrArn, identityManagementType: IdentityManagementType.SAML,
        }),
        username: 'nested.agent',
        routingProfile: RoutingProfile.fromRoutingProfileArn(nested, 'Basic', Fn.join('', [parentInstance.attrArn, '/routing-profile/rp-1'])),
        securityProfiles: [SecurityProfile.fromSecurityProfileArn(nested, 'Agent', Fn.join('', [parentInstance.attrArn, '/security-profile/sp-1']))],
      });
      // A literal user of the nested stack tagged with the parent's number parameter, written into text: a nested-stack
      // parameter, found only by the number's digits.
      const parentVersion = new CfnParameter(parent, 'Version', { type: 'Number' }).valueAsNumber;
      const nestedLiteral = new ConnectUser(nested, 'NestedLiteral', {
        instance: ConnectInstance.fromInstanceArn(nested, 'LiteralInstance', INSTANCE_ARN),
        username: 'nested.literal',
        routingProfile: RoutingProfile.fromRoutingProfileArn(nested, 'LiteralBasic', routingProfileArn()),
        securityProfiles: [SecurityProfile.fromSecurityProfileArn(nested, 'LiteralAgent', securityProfileArn())],
      });
      Tags.of(nestedLiteral).add('Version', `v${parentVersion}`);
      // A roster whose instance and profiles are its parent stack's resources, with generated passwords.
      new ConnectUserRoster(base, 'Roster', {
        instance: ConnectInstance.fromInstanceAttributes(base, 'RosterInstance', {
          instanceArn: instance.attrArn, identityManagementType: IdentityManagementType.CONNECT_MANAGED,
        }),
        routingProfiles: { Basic: routing },
        securityProfiles: { Agent: security },
        passwords: UserPassword.generate(),
        users: Array.from({ length: 7 }, (_, i) => ({ username: `roster.${i}`, routingProfile: 'Basic', securityProfiles: ['Agent'] })),
      });
    };
    const { files } = expectSameAsCdk(build);
    const all = templatesOf(files);
    // The references were found and wired: an export and its import, a nested stack's parameter.
    expect(all).toContain('Fn::ImportValue');
    expect(all).toContain('"Export"');
    const nested = [...files].filter(([n]) => n.startsWith('ParentNested') && n.endsWith('.nested.template.json'));
    expect(nested).toHaveLength(1);
    const nestedParameters = Object.keys(JSON.parse(nested[0][1]).Parameters ?? {});
    expect(nestedParameters.some(name => name.includes('Version'))).toBe(true);
    expect(JSON.parse(files.get('Base.template.json')!).Outputs).toBeDefined();
    expect(files.get('Agents.template.json')).toMatch(/"v",\s*\{\s*"Fn::ImportValue"/);
    expect(files.get('Agents.template.json')).toContain('"Condition": "InRegion"');
  });

  it('two synths of one app write the same templates', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-resource-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Agents', { env });
      const r = refs(stack);
      new ConnectUser(stack, 'Agent', { instance: r.instance, username: 'agent.one', routingProfile: r.routingProfile, securityProfiles: [r.securityProfile] });
      const first = fs.readFileSync(path.join(app.synth().directory, 'Agents.template.json'), 'utf8');
      const again = app.synth({ force: true });
      expect(fs.readFileSync(path.join(again.directory, 'Agents.template.json'), 'utf8')).toBe(first);
      expect(Object.values(JSON.parse(first).Resources).map(res => (res as { Type: string }).Type)).toContain('AWS::Connect::User');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('UserResource: what counts as a token', () => {
  const user = () => {
    const stack = new Stack(new App(), 'Agents', { env });
    const r = refs(stack);
    const u = new ConnectUser(stack, 'Agent', {
      instance: r.instance, username: 'agent.one', routingProfile: r.routingProfile, securityProfiles: [r.securityProfile], tags: { Site: 'NYC' },
    });
    return { stack, u, l1: u.node.defaultChild as UserResource };
  };

  it('literal properties, tags, metadata and DependsOn hold none', () => {
    const { stack, l1 } = user();
    l1.addOverride('DependsOn', ['Other']);
    l1.addMetadata('note', { text: 'plain' });
    l1.addDependency(new CfnResource(stack, 'Other', { type: 'AWS::CloudFormation::WaitConditionHandle' }));
    expect(l1._mayHoldToken()).toBe(false);
  });

  it.each([
    ['a property', (l1: UserResource) => { l1.routingProfileArn = Fn.importValue('RoutingProfileArn'); }],
    ['a list element', (l1: UserResource) => { l1.securityProfileArns = [...l1.securityProfileArns, Aws.ACCOUNT_ID]; }],
    ['a whole list', (l1: UserResource) => { l1.securityProfileArns = Fn.split(',', Fn.importValue('Profiles')); }],
    ['a number', (l1: UserResource) => { l1.phoneConfig = { phoneType: 'SOFT_PHONE', afterContactWorkTimeLimit: Token.asNumber(Fn.importValue('Acw')) }; }],
    ['a number written into text', (l1: UserResource) => { l1.tags.setTag('Version', `v${Token.asNumber(Fn.importValue('Version'))}`); }],
    ['a creation policy', (l1: UserResource) => { l1.cfnOptions.creationPolicy = { resourceSignal: { count: Token.asNumber(Fn.importValue('N')) } }; }],
    ['an update policy', (l1: UserResource) => { l1.cfnOptions.updatePolicy = { enableVersionUpgrade: Token.asAny(Fn.importValue('B')) as unknown as boolean }; }],
    ['a deletion policy', (l1: UserResource) => { l1.cfnOptions.deletionPolicy = Fn.importValue('Policy') as CfnDeletionPolicy; }],
    ['an update replace policy', (l1: UserResource) => { l1.cfnOptions.updateReplacePolicy = Fn.importValue('Policy') as CfnDeletionPolicy; }],
    ['a version', (l1: UserResource) => { l1.cfnOptions.version = Aws.STACK_NAME; }],
    ['a tag', (l1: UserResource) => { l1.tags.setTag('Region', Aws.REGION); }],
    ['a property override', (l1: UserResource) => { l1.addPropertyOverride('HierarchyGroupArn', Fn.importValue('Group')); }],
    ['metadata', (l1: UserResource) => { l1.addMetadata('from', Aws.STACK_NAME); }],
    ['a condition', (l1: UserResource) => { l1.cfnOptions.condition = new CfnCondition(l1.stack, 'C', { expression: Fn.conditionEquals(Aws.REGION, REGION) }); }],
    ['a description', (l1: UserResource) => { l1.cfnOptions.description = Aws.STACK_NAME; }],
    ['an object token', (l1: UserResource) => { l1.identityInfo = Fn.getAtt('Other', 'Identity') as unknown as CfnUser.UserIdentityInfoProperty; }],
  ])('%s that is a token is one', (_, add) => {
    const { l1 } = user();
    add(l1);
    expect(l1._mayHoldToken()).toBe(true);
  });

  it('an object that is not plain data, even with no token in it, counts as one', () => {
    const { l1 } = user();
    class Note { public readonly text = 'plain'; }
    l1.addMetadata('note', new Note());
    expect(l1._mayHoldToken()).toBe(true);
  });

  it('data nested deeper than it looks counts as a token', () => {
    const { l1 } = user();
    let deep: Record<string, unknown> = { leaf: 'plain' };
    for (let i = 0; i < 40; i++) deep = { deeper: deep };
    l1.addMetadata('deep', deep);
    expect(l1._mayHoldToken()).toBe(true);
  });

  it('an aws-cdk-lib without the raw overrides field: every user is scanned, as CDK does', () => {
    const { l1 } = user();
    Object.defineProperty(l1, 'rawOverrides', { value: undefined });
    expect(l1._mayHoldToken()).toBe(true);
  });
});
