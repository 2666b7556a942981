import * as fs from 'fs';
import * as path from 'path';
import { App, CfnParameter, SecretValue, Stack, Stage } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnUser } from 'aws-cdk-lib/aws-connect';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectUser, ConnectUserRoster, IdentityManagementType, UserPassword } from '../src';
import { ACCOUNT, minimalProps, newStack, OTHER_INSTANCE_ARN, REGION, refs, userArn, INSTANCE_ARN } from './util/fixtures';
import { tempDirs } from './util/tmp';
import { loadConnectSdk } from '../src/cli/aws/connect';
import { CONNECTION_TIMEOUT_MS, MAX_ATTEMPTS, REQUEST_TIMEOUT_MS, RETRY_MODE } from '../src/cli/aws/policy';
import { buildMappings, findAdoptedUsers, mappingFileNames, writeMappings } from '../src/cli/import-mapping';
import { main } from '../src/cli/main';

const env = { account: ACCOUNT, region: REGION };
const tmp = tempDirs('adopt');

describe('adopt: what the template carries', () => {
  it('marks the adopted user with what the import mapping needs', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack), { adopt: true, existingUserArn: userArn('u-7') }));
    Template.fromStack(stack).hasResource('AWS::Connect::User', {
      DeletionPolicy: 'Retain',
      Metadata: { 'cdk-connect-user:adopt': { username: 'agent.one', instanceArn: INSTANCE_ARN, userArn: userArn('u-7') } },
    });
  });

  it('needs no password on a CONNECT_MANAGED instance, where a created user needs one', () => {
    const stack = newStack();
    const managed = refs(stack, IdentityManagementType.CONNECT_MANAGED);
    const names = { identityInfo: { firstName: 'Ann', lastName: 'Lee' } };
    new ConnectUser(stack, 'Adopted', minimalProps(managed, { ...names, adopt: true, existingUserArn: userArn('u-7') }));
    new ConnectUser(stack, 'Created', minimalProps(managed, { ...names, username: 'agent.two' }));
    const warned = AssertAnnotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-connect-user:passwordRequired'));
    expect(warned.map(w => w.id)).toEqual(['/Stack/Created']);
  });

  it('does not mark users that are not adopted', () => {
    const stack = newStack();
    new ConnectUser(stack, 'U', minimalProps(refs(stack)));
    const user = Object.values<any>(Template.fromStack(stack).findResources('AWS::Connect::User'))[0];
    expect(user.Metadata?.['cdk-connect-user:adopt']).toBeUndefined();
  });

  it.each([
    ['a password', { adopt: true, password: UserPassword.fromSecretValue(SecretValue.secretsManager('p')) }, /password: is set on an adopted user; expected none/],
    ['a generated password', { adopt: true, password: UserPassword.generate() }, /password: is set on an adopted user/],
    ['an existingUserArn without adopt', { existingUserArn: userArn() }, /existingUserArn: is set without adopt: true/],
    ['a malformed existingUserArn', { adopt: true, existingUserArn: `${INSTANCE_ARN}/user/u-1` }, /existingUserArn: .* is not an Amazon Connect agent ARN/],
    ['a user of another instance', { adopt: true, existingUserArn: userArn('u-1', OTHER_INSTANCE_ARN) }, /existingUserArn: .* is a user of another instance/],
  ])('rejects %s', (_what, extra, error) => {
    const stack = newStack();
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), extra))).toThrow(error);
  });

  it('rejects an adopted user that cannot be identified (token username, no existingUserArn)', () => {
    const stack = newStack();
    const username = new CfnParameter(stack, 'Username').valueAsString;
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { adopt: true, username })))
      .toThrow(/existingUserArn: missing, and the username or instance ARN is a token, so the user cannot be looked up/);
  });

  it('rejects a token existingUserArn, which a mapping file cannot hold', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    expect(() => new ConnectUser(stack, 'U', minimalProps(refs(stack), { adopt: true, existingUserArn: arn }))).toThrow(/existingUserArn: is a token/);
  });
});

/** An app with adopted users in two stacks (one in a stage), synthesized to a fresh directory. */
function synthAdoptionApp(outdir: string) {
  const app = new App({ outdir });
  const a = new Stack(app, 'Frontline', { env });
  const ra = refs(a);
  const alice = new ConnectUser(a, 'Alice', minimalProps(ra, { username: 'alice', adopt: true, existingUserArn: userArn('alice-id') }));
  const bob = new ConnectUser(a, 'Bob', minimalProps(ra, { username: 'bob', adopt: true }));
  new ConnectUser(a, 'NewHire', minimalProps(ra, { username: 'new.hire' }));
  const stage = new Stage(app, 'Emea', { env });
  const b = new Stack(stage, 'Supervisors', { env });
  const carol = new ConnectUser(b, 'Carol', minimalProps(refs(b), { username: 'carol', adopt: true, existingUserArn: userArn('carol-id') }));
  app.synth();
  const id = (u: ConnectUser) => Stack.of(u).getLogicalId(u.node.defaultChild as CfnUser);
  return { alice: id(alice), bob: id(bob), carol: id(carol) };
}

const fakeLookup = async (instanceArn: string, username: string) => `${instanceArn}/agent/looked-up-${username}`;

describe('import-mapping', () => {
  it('maps every adopted user of every stack by logical id to its UserArn, one file per stack', async () => {
    const outdir = tmp();
    const ids = synthAdoptionApp(outdir);
    const users = findAdoptedUsers(outdir);
    expect(users.map(u => `${u.stack}/${u.logicalId}`).sort()).toEqual(
      [`Frontline/${ids.alice}`, `Frontline/${ids.bob}`, `Emea/Supervisors/${ids.carol}`].sort());

    const files = writeMappings(await buildMappings(users, fakeLookup), path.join(outdir, 'mappings'));
    expect(files.map(f => path.basename(f))).toEqual(['Emea-Supervisors.import-mapping.json', 'Frontline.import-mapping.json']);

    const frontline = JSON.parse(fs.readFileSync(files[1], 'utf8'));
    expect(frontline).toEqual({
      [ids.alice]: { UserArn: userArn('alice-id') },
      [ids.bob]: { UserArn: `${INSTANCE_ARN}/agent/looked-up-bob` },
    });
    // The keys are exactly the logical ids of AWS::Connect::User resources in that stack's template.
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Frontline.template.json'), 'utf8'));
    for (const key of Object.keys(frontline)) expect(template.Resources[key].Type).toBe('AWS::Connect::User');
    expect(JSON.parse(fs.readFileSync(files[0], 'utf8'))).toEqual({ [ids.carol]: { UserArn: userArn('carol-id') } });
  });

  it('writes the same bytes for the same app, whatever the order of lookups', async () => {
    const render = async (delayFor: string) => {
      const outdir = tmp();
      synthAdoptionApp(outdir);
      const slowLookup = async (i: string, u: string) => {
        if (u === delayFor) await new Promise(r => setTimeout(r, 5));
        return fakeLookup(i, u);
      };
      const files = writeMappings(await buildMappings(findAdoptedUsers(outdir), slowLookup), path.join(outdir, 'm'));
      return files.map(f => fs.readFileSync(f, 'utf8'));
    };
    const [first, second] = [await render('bob'), await render('alice')];
    expect(second).toEqual(first);
    expect(first[1]).toMatch(/^\{\n {2}"Alice[0-9A-F]{8}": \{\n {4}"UserArn": "arn:aws:connect:[^"]+\/agent\/alice-id"\n {2}\},\n/);
    expect(first[1].endsWith('}\n')).toBe(true);
  });

  it('lists every adopted user that needs a lookup when none is given', async () => {
    const outdir = tmp();
    synthAdoptionApp(outdir);
    await expect(buildMappings(findAdoptedUsers(outdir))).rejects.toThrow(/no existingUserArn; set it in code or pass --lookup[\s\S]*Frontline\/Bob.*'bob'/);
  });

  it('the command writes the files and prints the cdk import commands', async () => {
    const outdir = tmp();
    const ids = synthAdoptionApp(outdir);
    const lines: string[] = [];
    const errors: string[] = [];
    // Bob has no existingUserArn: without --lookup the command refuses.
    expect(await main(['import-mapping', outdir, '--out', path.join(outdir, 'm')], { out: l => lines.push(l), err: l => errors.push(l) })).toBe(1);
    expect(errors.join('\n')).toMatch(/^cdk-connect-user import-mapping: These adopted users have no existingUserArn[\s\S]*Bob/);
    expect(fs.existsSync(path.join(outdir, 'm'))).toBe(false);

    // With every ARN known it succeeds.
    const app2 = tmp();
    const app = new App({ outdir: app2 });
    const s = new Stack(app, 'Only', { env });
    new ConnectUser(s, 'Dana', minimalProps(refs(s), { username: 'dana', adopt: true, existingUserArn: userArn('dana-id') }));
    app.synth();
    expect(await main(['import-mapping', app2, '--out', path.join(app2, 'm')], { out: l => lines.push(l), err: l => errors.push(l) })).toBe(0);
    expect(lines.join('\n')).toMatch(/1 adopted user\(s\) in 1 stack\(s\)[\s\S]*npx cdk import --app \S+ Only --resource-mapping \S*Only.import-mapping.json/);
    expect(ids.bob).toBeDefined();
  });

  it('prints a cdk import that works where it is printed: --app is the assembly the mappings were made from', async () => {
    // Without --app, `cdk import` outside a directory with a cdk.json stops at '--app is required'; with the
    // app of cdk.json it would synthesize again, maybe into other logical ids than the mappings name.
    const cwd = process.cwd();
    const base = tmp();
    const assembly = path.join(base, 'my cdk.out');
    const app = new App({ outdir: assembly });
    const s = new Stack(app, 'Only', { env });
    new ConnectUser(s, 'Dana', minimalProps(refs(s), { username: 'dana', adopt: true, existingUserArn: userArn('dana-id') }));
    app.synth();
    const lines: string[] = [];
    try {
      process.chdir(base);
      expect(await main(['import-mapping', 'my cdk.out'], { out: l => lines.push(l), err: l => lines.push(l) })).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(lines[lines.length - 1]).toBe("  npx cdk import --app 'my cdk.out' Only --resource-mapping import-mappings/Only.import-mapping.json");
    // A path outside the working directory is printed whole, not as a climb of ../
    lines.length = 0;
    expect(await main(['import-mapping', assembly, '--out', path.join(base, 'm')], { out: l => lines.push(l), err: l => lines.push(l) })).toBe(0);
    expect(lines[lines.length - 1]).toBe(`  npx cdk import --app '${assembly}' Only --resource-mapping ${path.join(base, 'm', 'Only.import-mapping.json')}`);
  });

  it("says that a roster's adopted agents (nested stacks) are not in the mapping files, and exits 1", async () => {
    const outdir = tmp();
    const app = new App({ outdir });
    const stack = new Stack(app, 'S', { env });
    const r = refs(stack);
    new ConnectUser(stack, 'Top', minimalProps(r, { username: 'top.one', adopt: true, existingUserArn: userArn('u-top') }));
    new ConnectUserRoster(stack, 'Roster', {
      instance: r.instance,
      routingProfiles: { Basic: r.routingProfile },
      securityProfiles: { Agent: r.securityProfile },
      adopt: true,
      users: ['a', 'b'].map(u => ({ username: `agent.${u}`, routingProfile: 'Basic', securityProfiles: ['Agent'], existingUserArn: userArn(`u-${u}`) })),
    });
    app.synth();
    const lines: string[] = [];
    const errors: string[] = [];
    expect(await main(['import-mapping', outdir, '--out', path.join(tmp(), 'm')], { out: l => lines.push(l), err: l => errors.push(l) })).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^2 adopted user\(s\) are in nested stacks \(a roster's shards\): cdk import cannot import into nested stacks/)]);
    expect(lines[0]).toBe('1 adopted user(s) in 1 stack(s). Import each stack with (--app: the cloud assembly these mappings were made from):');
  });

  it('says so when there is nothing to adopt, and rejects bad arguments', async () => {
    const outdir = tmp();
    const app = new App({ outdir });
    new ConnectUser(new Stack(app, 'S', { env }), 'U', minimalProps(refs(Stack.of(app.node.findChild('S')))));
    app.synth();
    const lines: string[] = [];
    const errors: string[] = [];
    expect(await main(['import-mapping', outdir], { out: l => lines.push(l), err: l => errors.push(l) })).toBe(0);
    expect(lines).toEqual([`No adopted ConnectUsers in the top-level stacks of ${outdir}: nothing to import with cdk import.`]);
    expect(await main(['import-mapping', outdir, '--bogus'], { out: l => lines.push(l), err: l => errors.push(l) })).toBe(2);
    expect(await main(['frobnicate'], { out: l => lines.push(l), err: l => errors.push(l) })).toBe(2);
    expect(lines).toHaveLength(1);
    expect(errors[0]).toBe("cdk-connect-user import-mapping: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"");
    expect(errors).toContain("cdk-connect-user: unknown command 'frobnicate'");
    expect(() => findAdoptedUsers(path.join(outdir, 'nope'))).toThrow(/is not a cloud assembly/);
  });
});

describe('import-mapping --lookup', () => {
  const sdk = loadConnectSdk.load;
  afterEach(() => {
    loadConnectSdk.load = sdk;
  });

  function appWithUnknownArn() {
    const outdir = tmp();
    const app = new App({ outdir });
    const s = new Stack(app, 'Frontline', { env });
    new ConnectUser(s, 'Bob', minimalProps(refs(s), { username: 'bob', adopt: true }));
    app.synth();
    return outdir;
  }

  it('finds users by username through SearchUsers in the instance region', async () => {
    const outdir = appWithUnknownArn();
    const clients: any[] = [];
    loadConnectSdk.load = () => ({
      SearchUsersCommand: class { constructor(public readonly input: any) {} },
      ConnectClient: class {
        constructor(public readonly config: any) { clients.push(config); }
        async send(cmd: any) { return { Users: [{ Username: cmd.input.SearchCriteria.StringCondition.Value, Arn: userArn('bob-id'), Id: 'bob-id' }] }; }
      },
    });
    expect(await main(['import-mapping', outdir, '--lookup', '--out', path.join(outdir, 'm')], { out: () => undefined, err: () => undefined })).toBe(0);
    // One client, in the instance's region, made under the CLI's policy (timeouts and retries).
    expect(clients).toEqual([expect.objectContaining({
      region: REGION,
      retryMode: RETRY_MODE,
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    })]);
    const mapping = JSON.parse(fs.readFileSync(path.join(outdir, 'm', 'Frontline.import-mapping.json'), 'utf8'));
    expect(Object.values(mapping)).toEqual([{ UserArn: userArn('bob-id') }]);
  });

  it('says how to install the SDK when it is missing', async () => {
    const outdir = appWithUnknownArn();
    loadConnectSdk.load = () => { throw new Error('Cannot find module'); };
    const errors: string[] = [];
    expect(await main(['import-mapping', outdir, '--lookup'], { out: () => undefined, err: l => errors.push(l) })).toBe(1);
    expect(errors).toEqual(["cdk-connect-user import-mapping: --lookup needs the AWS SDK for JavaScript v3 Connect client: 'npm install --save-dev @aws-sdk/client-connect'"]);
  });
});

describe('import-mapping: one file per stack, whatever the stacks are called', () => {
  it("Prod-Agents and the stage's Prod/Agents get a file each, neither overwriting the other", async () => {
    const outdir = tmp();
    const app = new App({ outdir });
    const where = { account: ACCOUNT, region: REGION };
    const top = new Stack(app, 'Prod-Agents', { env: where });
    new ConnectUser(top, 'Ann', minimalProps(refs(top), { username: 'ann', adopt: true, existingUserArn: userArn('ann-id') }));
    const staged = new Stack(new Stage(app, 'Prod', { env: where }), 'Agents', { env: where });
    new ConnectUser(staged, 'Ben', minimalProps(refs(staged), { username: 'ben', adopt: true, existingUserArn: userArn('ben-id') }));
    app.synth();
    const mappings = await buildMappings(findAdoptedUsers(outdir));
    expect(mappings.map(m => m.stack)).toEqual(['Prod-Agents', 'Prod/Agents']);
    const files = writeMappings(mappings, path.join(outdir, 'm'));
    expect(new Set(files).size).toBe(2);
    expect(files.map(f => path.basename(f))).toEqual([expect.stringMatching(/^Prod-Agents-[0-9a-f]{8}\.import-mapping\.json$/),
      expect.stringMatching(/^Prod-Agents-[0-9a-f]{8}\.import-mapping\.json$/)]);
    expect(files.map(f => Object.values<any>(JSON.parse(fs.readFileSync(f, 'utf8')))[0].UserArn)).toEqual([userArn('ann-id'), userArn('ben-id')]);
  });

  it('names differing in case only get a file each too (file systems that ignore case)', () => {
    expect(new Set(mappingFileNames(['Agents', 'agents']).map(n => n.toLowerCase())).size).toBe(2);
    expect(mappingFileNames(['Agents', 'Sales'])).toEqual(['Agents.import-mapping.json', 'Sales.import-mapping.json']);
  });
});
