/**
 * A fake Amazon Connect endpoint on 127.0.0.1 (a random port) speaking the
 * REST-JSON protocol `@aws-sdk/client-connect` uses, for the operations the CLI
 * reads: ListUsers, SearchUsers, DescribeUser, ListUserProficiencies,
 * ListRoutingProfiles, ListSecurityProfiles, ListUserHierarchyGroups,
 * DescribeInstance, ListPredefinedAttributes and DescribePredefinedAttribute.
 *
 * Each operation's HTTP method, URI and the location of each input member
 * (URI label, query string or JSON body) are read from botocore's Connect
 * model, an oracle nobody here wrote; so is the largest `MaxResults` each list
 * operation accepts. The users it answers with are checked against the model's
 * output shapes, so a fixture cannot carry a field Amazon Connect does not return.
 */
import { spawnSync } from 'child_process';
import * as http from 'http';
import { AddressInfo } from 'net';
import { awsPolicy, CONNECT_BURST, CONNECT_RATE_PER_SECOND } from '../../src/cli/aws/policy';

/** A member of a model shape: its type and, for structures, lists and maps, what it holds. */
interface ShapeTree {
  readonly type: string;
  readonly members?: Record<string, ShapeTree>;
  readonly member?: ShapeTree;
  readonly value?: ShapeTree;
}

/** One operation as the model describes it. */
export interface ModelOperation {
  readonly method: string;
  readonly uri: string;
  /** Input member -> [location ('uri', 'querystring' or 'body'), wire name]. */
  readonly input: Record<string, [string, string]>;
  readonly output: ShapeTree;
  /** The largest MaxResults the operation takes, when it has one. */
  readonly maxResults?: number;
}

/** The operations the fake answers. */
export const FAKE_OPERATIONS = [
  'ListUsers', 'SearchUsers', 'DescribeUser', 'ListUserProficiencies',
  'ListRoutingProfiles', 'ListSecurityProfiles', 'ListUserHierarchyGroups', 'DescribeInstance',
  'ListPredefinedAttributes', 'DescribePredefinedAttribute',
] as const;
export type FakeOperation = typeof FAKE_OPERATIONS[number];

const DUMP = `
import json, sys, botocore.session as s
m = s.get_session().get_service_model('connect')
def tree(shape, depth=0):
    t = {'type': shape.type_name}
    if depth > 8: return t
    if shape.type_name == 'structure':
        t['members'] = {n: tree(sh, depth + 1) for n, sh in shape.members.items()}
    elif shape.type_name == 'list':
        t['member'] = tree(shape.member, depth + 1)
    elif shape.type_name == 'map':
        t['value'] = tree(shape.value, depth + 1)
    return t
out = {}
for name in sys.argv[1:]:
    op = m.operation_model(name)
    inp = {n: [sh.serialization.get('location', 'body'), sh.serialization.get('name', n)] for n, sh in op.input_shape.members.items()}
    mr = op.input_shape.members.get('MaxResults')
    out[name] = {'method': op.http['method'], 'uri': op.http['requestUri'], 'input': inp, 'output': tree(op.output_shape),
                 'maxResults': mr.metadata.get('max') if mr is not None else None}
print(json.dumps(out))
`;

let model: Record<FakeOperation, ModelOperation> | undefined;

/** The operations as botocore's model describes them (read once, with python3). */
export function connectOperations(): Record<FakeOperation, ModelOperation> {
  if (!model) {
    const res = spawnSync('python3', ['-c', DUMP, ...FAKE_OPERATIONS], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (res.error || res.status !== 0) {
      throw new Error(`python3 with botocore could not read the Amazon Connect model: ${res.error?.message ?? res.stderr}`);
    }
    model = JSON.parse(res.stdout);
  }
  return model!;
}

/** The shape of Amazon Connect's `User` (DescribeUser's output), from the model. */
export function modelUserShape(): ShapeTree {
  return connectOperations().DescribeUser.output.members!.User;
}

/** The paths of the values in `value` that the model's `shape` has no member for (`[]` when it conforms). */
export function nonConforming(value: unknown, shape: ShapeTree, path = ''): string[] {
  if (value === undefined || value === null) return [];
  switch (shape.type) {
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
      return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
        shape.members![k] ? nonConforming(v, shape.members![k], `${path}.${k}`) : [`${path}.${k}: no such member`]);
    case 'list':
      return Array.isArray(value) ? value.flatMap((v, i) => nonConforming(v, shape.member!, `${path}[${i}]`)) : [`${path}: not a list`];
    case 'map':
      return typeof value === 'object' ? Object.entries(value as object).flatMap(([k, v]) => nonConforming(v, shape.value!, `${path}{${k}}`)) : [`${path}: not a map`];
    case 'string': return typeof value === 'string' ? [] : [`${path}: not a string`];
    case 'boolean': return typeof value === 'boolean' ? [] : [`${path}: not a boolean`];
    case 'integer': case 'long': return Number.isInteger(value) ? [] : [`${path}: not an integer`];
    case 'float': case 'double': case 'timestamp': return typeof value === 'number' ? [] : [`${path}: not a number`];
    default: return [];
  }
}

/** A user as the fake holds it: DescribeUser's `User`, and the user's proficiencies. */
export interface FakeUser {
  user: Record<string, any> & { Id: string; Arn: string; Username: string };
  proficiencies: Array<{ AttributeName: string; AttributeValue: string; Level: number }>;
}

/** A routing profile, security profile or hierarchy group: what the List operations return of it. */
export interface FakeNamed {
  readonly Id: string;
  readonly Arn: string;
  readonly Name: string;
}

/** An instance as the fake holds it. */
export interface FakeInstance {
  readonly id: string;
  readonly arn: string;
  readonly identityManagementType: 'CONNECT_MANAGED' | 'SAML' | 'EXISTING_DIRECTORY';
  readonly users: FakeUser[];
  readonly routingProfiles: FakeNamed[];
  readonly securityProfiles: FakeNamed[];
  readonly hierarchyGroups: FakeNamed[];
  /** The predefined attributes (proficiency names) and their values. @default none */
  readonly predefinedAttributes?: Array<{ readonly Name: string; readonly Values: string[] }>;
}

/** Options of the fake endpoint. */
export interface FakeConnectOptions {
  /** The page size of a list call that gives no MaxResults. @default 10 */
  readonly defaultPageSize?: number;
  /**
   * The most items a page holds whatever MaxResults says, per operation (a service may return fewer than asked).
   * @default - the MaxResults asked for
   */
  readonly pageCap?: Partial<Record<FakeOperation, number>>;
  /**
   * Keep the CLI's client-side rate limit at Amazon Connect's documented rate (2 a second). Otherwise, while the
   * fake runs, the limit is lifted: the fake answers at once, and a 2,000-user export would wait 1,000 s.
   * @default false
   */
  readonly documentedRate?: boolean;
}

/** A deterministic pseudo-random sequence (Park-Miller), so that a throttled run is the same every time. */
function random(seed: number): () => number {
  let a = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  return () => {
    a = (a * 48271) % 2147483647;
    return (a - 1) / 2147483646;
  };
}

/** The fake endpoint. Start it with {@link FakeConnect.start}; close it after the test. */
export class FakeConnect {
  /** Starts a fake endpoint on 127.0.0.1 and a random port. */
  public static async start(instances: FakeInstance[], options: FakeConnectOptions = {}): Promise<FakeConnect> {
    const fake = new FakeConnect(instances, options);
    await new Promise<void>(resolve => fake.server.listen(0, '127.0.0.1', resolve));
    if (!options.documentedRate) Object.assign(awsPolicy, { connectRatePerSecond: 1e6, connectBurst: 1e6 });
    return fake;
  }

  /** Requests answered, per operation (throttled ones are not counted here). */
  public readonly calls: Partial<Record<FakeOperation, number>> = {};
  /** Requests answered with 429 TooManyRequestsException, per operation. */
  public readonly throttled: Partial<Record<FakeOperation, number>> = {};
  /** Requests to no known route. */
  public readonly unknown: string[] = [];
  /** The parsed inputs of every answered request, per operation (for checks of what the client asked). */
  public readonly inputs: Partial<Record<FakeOperation, Array<Record<string, unknown>>>> = {};

  private readonly server: http.Server;
  private readonly routes: Array<{ op: FakeOperation; method: string; pattern: RegExp; labels: string[] }>;
  private throttleFraction = 0;
  private readonly indexes = new Map<FakeInstance, Map<string, FakeUser>>();
  private rand = random(1);
  private empty: ReadonlySet<FakeOperation> = new Set();
  private endless = new Map<FakeOperation, { key: string; token: 'new' | 'same'; pages: number }>();

  private constructor(private readonly instances: FakeInstance[], private readonly options: FakeConnectOptions) {
    const ops = connectOperations();
    this.routes = FAKE_OPERATIONS.map(op => {
      const [pathPart] = ops[op].uri.split('?');
      const labels: string[] = [];
      const pattern = new RegExp(`^${pathPart.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+?)(\\\+)?\}/g, (_m, name: string, greedy?: string) => {
        labels.push(name);
        return greedy ? '(.+)' : '([^/]+)';
      })}$`);
      return { op, method: ops[op].method, pattern, labels };
    });
    for (const instance of instances) {
      for (const u of instance.users) {
        const wrong = nonConforming(u.user, modelUserShape(), `${u.user.Username}`);
        if (wrong.length) throw new Error(`fixture user does not conform to the model's User shape: ${wrong.join('; ')}`);
      }
    }
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => { body += c; });
      req.on('end', () => this.answer(req, body, res));
    });
  }

  /** The endpoint URL, for `--endpoint-url`. */
  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers this fraction of requests (chosen by a seeded pseudo-random sequence) with HTTP 429. */
  public throttle(fraction: number, seed = 1): void {
    this.throttleFraction = fraction;
    this.rand = random(seed);
  }

  /** Answers these operations (default: all) with an empty 200 answer, `{}`, as a broken endpoint or proxy might. */
  public answerEmpty(ops: readonly FakeOperation[] = FAKE_OPERATIONS): void {
    this.empty = new Set(ops);
  }

  /**
   * Answers every page of the listing `op` with no items (under `key`) and a NextToken: a new one each page
   * (`new`: a listing that never ends), or always the same one (`same`).
   */
  public answerEndless(op: FakeOperation, key: string, token: 'new' | 'same'): void {
    this.endless.set(op, { key, token, pages: 0 });
  }

  /** The user with this username, to change after the fact (its `user` and `proficiencies` are live). */
  public user(instanceArn: string, username: string): FakeUser {
    const u = this.instance(instanceArn.split('/').pop()!)?.users.find(x => x.user.Username === username);
    if (!u) throw new Error(`no fake user '${username}' in ${instanceArn}`);
    return u;
  }

  /** Forgets the counts of calls so far. */
  public resetCounts(): void {
    for (const o of [this.calls, this.throttled, this.inputs]) for (const k of Object.keys(o)) delete (o as any)[k];
    this.unknown.length = 0;
  }

  public async close(): Promise<void> {
    Object.assign(awsPolicy, { connectRatePerSecond: CONNECT_RATE_PER_SECOND, connectBurst: CONNECT_BURST });
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  /** The users of an instance by id (user ids never change; a test changes what a user holds). */
  private byId(instance: FakeInstance): Map<string, FakeUser> {
    let index = this.indexes.get(instance);
    if (!index) {
      index = new Map(instance.users.map(u => [u.user.Id, u]));
      this.indexes.set(instance, index);
    }
    return index;
  }

  private instance(id: string): FakeInstance | undefined {
    return this.instances.find(i => i.id === id || i.arn === id);
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = this.routes.map(r => ({ r, m: req.method === r.method ? r.pattern.exec(url.pathname) : null })).find(x => x.m);
    const error = (status: number, type: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': 'fake' });
      res.end(JSON.stringify({ message }));
    };
    if (!route) {
      this.unknown.push(`${req.method} ${url.pathname}`);
      return error(404, 'UnknownOperationException', `no operation answers ${req.method} ${url.pathname}`);
    }
    const op = route.r.op;
    if (this.throttleFraction > 0 && this.rand() < this.throttleFraction) {
      this.throttled[op] = (this.throttled[op] ?? 0) + 1;
      return error(429, 'TooManyRequestsException', 'Rate exceeded');
    }
    // The input, from wherever the model puts each member.
    const json = body ? JSON.parse(body) : {};
    const input: Record<string, any> = {};
    for (const [member, [location, wire]] of Object.entries(connectOperations()[op].input)) {
      if (location === 'uri') {
        const i = route.r.labels.indexOf(wire);
        if (i >= 0) input[member] = decodeURIComponent(route.m![i + 1]);
      } else if (location === 'querystring') {
        const v = url.searchParams.get(wire);
        if (v !== null) input[member] = v;
      } else if (json[wire] !== undefined) {
        input[member] = json[wire];
      }
    }
    if (input.MaxResults !== undefined) input.MaxResults = Number(input.MaxResults);
    this.calls[op] = (this.calls[op] ?? 0) + 1;
    (this.inputs[op] ??= []).push(input);
    const endless = this.endless.get(op);
    if (endless !== undefined) {
      endless.pages++;
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake' });
      res.end(JSON.stringify({ [endless.key]: [], NextToken: endless.token === 'new' ? `endless-${endless.pages}` : 'the-same-token' }));
      return;
    }
    if (this.empty.has(op)) {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake' });
      res.end('{}');
      return;
    }
    const instance = this.instance(String(input.InstanceId));
    if (!instance) return error(404, 'ResourceNotFoundException', `instance ${input.InstanceId} not found`);
    const max = connectOperations()[op].maxResults;
    if (input.MaxResults !== undefined && max !== undefined && (input.MaxResults < 1 || input.MaxResults > max)) {
      return error(400, 'InvalidParameterException', `MaxResults must be between 1 and ${max}`);
    }
    /** One page of `items`, with the NextToken of the next one. */
    const page = <T>(items: T[]): { items: T[]; NextToken?: string } => {
      const start = input.NextToken === undefined ? 0 : Number(Buffer.from(String(input.NextToken), 'base64').toString('utf8').split(':')[1]);
      const size = Math.min(input.MaxResults ?? this.options.defaultPageSize ?? 10, this.options.pageCap?.[op] ?? Infinity);
      const end = start + size;
      return { items: items.slice(start, end), NextToken: end < items.length ? Buffer.from(`${op}:${end}`).toString('base64') : undefined };
    };
    const send = (out: object) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake' });
      res.end(JSON.stringify(out));
    };
    const findUser = () => this.byId(instance).get(String(input.UserId));
    const named = (items: FakeNamed[]) => items.map(n => ({ ...n, LastModifiedTime: 1764460800, LastModifiedRegion: 'us-east-1' }));
    switch (op) {
      case 'DescribeInstance':
        return send({ Instance: { Id: instance.id, Arn: instance.arn, IdentityManagementType: instance.identityManagementType, InstanceStatus: 'ACTIVE' } });
      case 'ListUsers': {
        const p = page(instance.users);
        return send({ UserSummaryList: p.items.map(u => ({ Id: u.user.Id, Arn: u.user.Arn, Username: u.user.Username })), NextToken: p.NextToken });
      }
      case 'SearchUsers': {
        // The one criterion the CLI uses: an EXACT match on Username.
        const condition = input.SearchCriteria?.StringCondition;
        const p = page(condition?.FieldName === 'Username' && condition.ComparisonType === 'EXACT'
          ? instance.users.filter(u => u.user.Username === condition.Value) : instance.users);
        return send({
          Users: p.items.map(({ user: { IdentityInfo, LastModifiedTime: _t, LastModifiedRegion: _r, ...rest } }) => ({
            ...rest, ...(IdentityInfo ? { IdentityInfo: { FirstName: IdentityInfo.FirstName, LastName: IdentityInfo.LastName } } : {}),
          })),
          NextToken: p.NextToken,
          ApproximateTotalCount: instance.users.length,
        });
      }
      case 'DescribeUser': {
        const u = findUser();
        return u ? send({ User: u.user }) : error(404, 'ResourceNotFoundException', `user ${input.UserId} not found`);
      }
      case 'ListUserProficiencies': {
        const u = findUser();
        if (!u) return error(404, 'ResourceNotFoundException', `user ${input.UserId} not found`);
        const p = page(u.proficiencies);
        return send({ UserProficiencyList: p.items, NextToken: p.NextToken, LastModifiedTime: 1764460800, LastModifiedRegion: 'us-east-1' });
      }
      case 'ListRoutingProfiles': {
        const p = page(named(instance.routingProfiles));
        return send({ RoutingProfileSummaryList: p.items, NextToken: p.NextToken });
      }
      case 'ListSecurityProfiles': {
        const p = page(named(instance.securityProfiles));
        return send({ SecurityProfileSummaryList: p.items, NextToken: p.NextToken });
      }
      case 'ListUserHierarchyGroups': {
        const p = page(named(instance.hierarchyGroups));
        return send({ UserHierarchyGroupSummaryList: p.items, NextToken: p.NextToken });
      }
      case 'ListPredefinedAttributes': {
        const p = page((instance.predefinedAttributes ?? []).map(a => ({ Name: a.Name, LastModifiedTime: 1764460800, LastModifiedRegion: 'us-east-1' })));
        return send({ PredefinedAttributeSummaryList: p.items, NextToken: p.NextToken });
      }
      case 'DescribePredefinedAttribute': {
        const a = (instance.predefinedAttributes ?? []).find(x => x.Name === input.Name);
        return a ? send({ PredefinedAttribute: { Name: a.Name, Values: { StringList: a.Values }, LastModifiedTime: 1764460800, LastModifiedRegion: 'us-east-1' } })
          : error(404, 'ResourceNotFoundException', `predefined attribute ${input.Name} not found`);
      }
    }
  }
}

/** Options of the fixture generator. */
export interface GenerateOptions {
  /** The instance id. @default a UUID-like id from the identity type */
  readonly id?: string;
  /** Give two routing profiles the same name (Connect allows it; a roster cannot name both). @default false */
  readonly duplicateNames?: boolean;
}

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';

/**
 * An instance with `n` users covering what a user can have: names, emails, a
 * mobile, directory user ids (EXISTING_DIRECTORY), desk and soft phones, the
 * per-channel settings (mirrored in PhoneConfig for voice, as Amazon Connect
 * returns them), hierarchy groups, tags and proficiencies (some users with
 * more than a page of them). Usernames are `agent.00001`…, in shuffled order.
 */
export function generateInstance(
  n: number, identityManagementType: FakeInstance['identityManagementType'], options: GenerateOptions = {},
): FakeInstance {
  const id = options.id ?? `${{ CONNECT_MANAGED: 'cccccccc', SAML: 'ssssssss', EXISTING_DIRECTORY: 'dddddddd' }[identityManagementType]}-1111-2222-3333-444455556666`;
  const arn = `arn:aws:connect:${REGION}:${ACCOUNT}:instance/${id}`;
  const named = (kind: string, names: string[]): FakeNamed[] => names.map((Name, i) => ({ Id: `${kind}-${i}`, Arn: `${arn}/${kind}/${kind}-${i}`, Name }));
  const routingProfiles = named('routing-profile', ['Basic Routing Profile', 'Sales', 'Support', options.duplicateNames ? 'Sales' : 'Billing']);
  const securityProfiles = named('security-profile', ['Agent', 'CallCenterManager', 'QualityAnalyst', 'Admin']);
  const hierarchyGroups = named('agent-group', Array.from({ length: 30 }, (_, i) => `Team ${i}`));
  const users: FakeUser[] = [];
  for (let i = 0; i < n; i++) {
    const username = `agent.${String(i + 1).padStart(5, '0')}`;
    const userId = `u-${id.slice(0, 8)}-${i}`;
    const desk = i % 5 === 1;
    const perChannel = i % 3 !== 0;
    const user: FakeUser['user'] = {
      Id: userId,
      Arn: `${arn}/agent/${userId}`,
      Username: username,
      IdentityInfo: {
        FirstName: `First${i}`,
        LastName: `Last${i}`,
        ...(identityManagementType !== 'SAML' ? { Email: `${username}@example.com` } : {}),
        ...(i % 4 === 0 ? { SecondaryEmail: `${username}@backup.example.com` } : {}),
        ...(i % 6 === 0 ? { Mobile: `+1555${String(1000000 + i).slice(-7)}` } : {}),
      },
      PhoneConfig: {
        PhoneType: desk ? 'DESK_PHONE' : 'SOFT_PHONE',
        AutoAccept: i % 2 === 0,
        AfterContactWorkTimeLimit: (i % 4) * 10,
        ...(desk ? { DeskPhoneNumber: `+1666${String(1000000 + i).slice(-7)}` } : {}),
        PersistentConnection: i % 7 === 0,
      },
      ...(identityManagementType === 'EXISTING_DIRECTORY' ? { DirectoryUserId: `dir-${i}` } : {}),
      SecurityProfileIds: i % 10 === 0 ? [securityProfiles[0].Id, securityProfiles[1].Id] : [securityProfiles[0].Id],
      RoutingProfileId: routingProfiles[i % routingProfiles.length].Id,
      ...(i % 2 === 0 ? { HierarchyGroupId: hierarchyGroups[i % hierarchyGroups.length].Id } : {}),
      Tags: i % 3 === 0 ? { team: `team-${i % 5}`, site: 'north' } : {},
      LastModifiedTime: 1764460800,
      LastModifiedRegion: REGION,
    };
    if (perChannel) {
      const phone = user.PhoneConfig;
      Object.assign(user, {
        AutoAcceptConfigs: [
          { Channel: 'VOICE', AutoAccept: phone.AutoAccept, ...(i % 11 === 0 ? { AgentFirstCallbackAutoAccept: true } : {}) },
          { Channel: 'CHAT', AutoAccept: i % 4 === 1 },
        ],
        AfterContactWorkConfigs: [
          {
            Channel: 'VOICE',
            AfterContactWorkConfig: { AfterContactWorkTimeLimit: phone.AfterContactWorkTimeLimit },
            ...(i % 11 === 0 ? { AgentFirstCallbackAfterContactWorkConfig: { AfterContactWorkTimeLimit: 5 } } : {}),
          },
          { Channel: 'TASK', AfterContactWorkConfig: { AfterContactWorkTimeLimit: 60 } },
        ],
        PhoneNumberConfigs: [{ Channel: 'VOICE', PhoneType: phone.PhoneType, ...(desk ? { PhoneNumber: phone.DeskPhoneNumber } : {}) }],
        PersistentConnectionConfigs: [{ Channel: 'VOICE', PersistentConnection: phone.PersistentConnection }],
        VoiceEnhancementConfigs: [{ Channel: 'VOICE', VoiceEnhancementMode: i % 2 ? 'NOISE_SUPPRESSION' : 'NONE' }],
      });
    }
    // Most users have 0-3 proficiencies; every 50th has 120, more than a page of ListUserProficiencies.
    const count = i % 50 === 7 ? 120 : i % 4;
    const proficiencies = Array.from({ length: count }, (_, k) => ({
      AttributeName: k % 2 ? 'Skill' : 'Language', AttributeValue: k % 2 ? `Skill${k}` : `Lang${k}`, Level: 1 + ((i + k) % 5),
    }));
    users.push({ user, proficiencies });
  }
  // Shuffled (deterministically), so that sorting by username is the exporter's doing.
  const r = random(n);
  for (let i = users.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [users[i], users[j]] = [users[j], users[i]];
  }
  return { id, arn, identityManagementType, users, routingProfiles, securityProfiles, hierarchyGroups };
}
