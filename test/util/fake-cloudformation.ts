/**
 * A fake CloudFormation endpoint on 127.0.0.1 for resource import, speaking the
 * query protocol the AWS SDK uses (form-encoded POST, XML answers).
 *
 * It holds stacks, their templates, tags and resources, the S3 objects a
 * template URL can name, and the live users an import can adopt. It enforces
 * what CloudFormation is known to enforce on imports and nesting, each rule
 * with its source; anything else it does not know is an error, never a pass.
 * Change sets and stack operations finish at once.
 */
import * as http from 'http';
import { AddressInfo } from 'net';

interface Tag { Key: string; Value: string }
/** A change set: its status, and what executing it does. */
interface FakeChangeSet { status: string; reason?: string; apply?: () => void; described?: boolean }

interface FakeStack {
  stackId: string;
  name: string;
  status: string;
  reason?: string;
  template: string;
  tags: Tag[];
  parentId?: string;
  /** Logical id -> physical id of what the stack owns. */
  resources: Map<string, { type: string; physicalId: string }>;
  changeSets: Map<string, FakeChangeSet>;
  /** What finishes the operation under way (an *_IN_PROGRESS status): done at the next DescribeStacks. */
  pending?: () => void;
}

/** A resource to import, as CreateChangeSet names it. */
interface ToImport { ResourceType: string; LogicalResourceId: string; ResourceIdentifier: Record<string, string> }

/** A request as the fake saw it: the action and its parameters, flattened as sent. */
export type FakeCfnRequest = Record<string, string>;

export interface FakeCloudFormation {
  readonly endpoint: string;
  readonly stacks: Map<string, FakeStack>;
  /** S3 objects by `bucket/key`, as `cdk publish-assets` would upload them. */
  readonly objects: Map<string, string>;
  readonly requests: FakeCfnRequest[];
  /** Fails the next CreateChangeSet on `stackName` (once) with `message`. */
  failNextChangeSet(stackName: string, message: string): void;
  /** Rolls back the next UpdateStack of `stackName` (once) with `message`. */
  failNextUpdate(stackName: string, message: string): void;
  /**
   * Holds a deployed stack (UPDATE_COMPLETE) with `template`; with `nestedIn`, as that parent's nested stack
   * `logicalId`. Resolves to the stack's id.
   */
  deploy(name: string, template: unknown, nestedIn?: { parent: string; logicalId: string }): string;
  close(): Promise<void>;
}

/** Registry primary identifiers of the types the fake imports. Source: the registry schemas (cfn-lint's copies). */
const PRIMARY_IDENTIFIER: Record<string, string> = {
  'AWS::Connect::User': 'UserArn',
  'AWS::CloudFormation::Stack': 'StackId',
};

/** Starts the fake. `liveUsers` are the user ARNs that exist in Amazon Connect. */
export async function startFakeCloudFormation(
  options: { liveUsers: Iterable<string>; account: string; region: string },
): Promise<FakeCloudFormation> {
  const liveUsers = new Set(options.liveUsers);
  const stacks = new Map<string, FakeStack>();
  const objects = new Map<string, string>();
  const requests: FakeCfnRequest[] = [];
  const failures = new Map<string, string>();
  const updateFailures = new Map<string, string>();
  let serial = 0;

  const byNameOrId = (nameOrId: string) => stacks.get(nameOrId) ?? [...stacks.values()].find(s => s.stackId === nameOrId);
  const owner = (physicalId: string) => [...stacks.values()].find(s => [...s.resources.values()].some(r => r.physicalId === physicalId));
  const newStack = (name: string, status: string): FakeStack => {
    const stack: FakeStack = {
      stackId: `arn:aws:cloudformation:${options.region}:${options.account}:stack/${name}/0000-${String(++serial).padStart(8, '0')}`,
      name,
      status,
      template: '{}',
      tags: [],
      resources: new Map(),
      changeSets: new Map(),
    };
    stacks.set(name, stack);
    return stack;
  };
  /** The template a request gives, from its body or its URL. */
  const templateOf = (p: Record<string, any>): string => {
    if (p.TemplateBody !== undefined) {
      // Source: CloudFormation quotas, "Template body size in a request": 51,200 bytes.
      if (Buffer.byteLength(p.TemplateBody) > 51_200) throw new CfnError('ValidationError', "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200");
      return p.TemplateBody;
    }
    if (p.TemplateURL !== undefined) {
      const m = /^https:\/\/s3\.[a-z0-9-]+\.amazonaws\.com\/(.+)$/.exec(p.TemplateURL);
      const body = m ? objects.get(m[1]) : undefined;
      if (body === undefined) throw new CfnError('ValidationError', 'TemplateURL must reference a valid S3 object to which you have access.');
      // Source: CloudFormation quotas, "Template body size in an Amazon S3 object": 1 MB.
      if (Buffer.byteLength(body) > 1_000_000) throw new CfnError('ValidationError', 'Template may not exceed 1000000 bytes in size.');
      return body;
    }
    throw new CfnError('ValidationError', 'Either Template URL or Template Body must be specified.');
  };

  const handlers: Record<string, (p: Record<string, any>) => string> = {
    DescribeStacks(p) {
      const s = byNameOrId(p.StackName);
      if (!s) throw new CfnError('ValidationError', `Stack with id ${p.StackName} does not exist`);
      // An operation is seen under way once, then finished.
      const pending = s.pending;
      s.pending = undefined;
      if (pending && !/_IN_PROGRESS$/.test(s.status)) throw new Error('a pending operation on a settled stack');
      if (!pending && /_IN_PROGRESS$/.test(s.status) && s.status !== 'REVIEW_IN_PROGRESS') throw new Error(`${s.name} is ${s.status} with nothing pending`);
      const seen = { status: s.status, reason: s.reason };
      pending?.();
      return `<Stacks><member><StackId>${esc(s.stackId)}</StackId><StackName>${esc(s.name)}</StackName>`
        + `<CreationTime>2026-11-30T00:00:00Z</CreationTime><StackStatus>${seen.status}</StackStatus>`
        + (seen.reason ? `<StackStatusReason>${esc(seen.reason)}</StackStatusReason>` : '')
        + (s.parentId ? `<ParentId>${esc(s.parentId)}</ParentId><RootId>${esc(s.parentId)}</RootId>` : '')
        + `<Tags>${s.tags.map(t => `<member><Key>${esc(t.Key)}</Key><Value>${esc(t.Value)}</Value></member>`).join('')}</Tags></member></Stacks>`;
    },
    DescribeStackResource(p) {
      const s = byNameOrId(p.StackName);
      if (!s) throw new CfnError('ValidationError', `Stack with id ${p.StackName} does not exist`);
      const r = s.resources.get(p.LogicalResourceId);
      if (!r) throw new CfnError('ValidationError', `Resource ${p.LogicalResourceId} does not exist for stack ${p.StackName}`);
      return `<StackResourceDetail><StackName>${esc(s.name)}</StackName><StackId>${esc(s.stackId)}</StackId><LogicalResourceId>${esc(p.LogicalResourceId)}</LogicalResourceId>`
        + `<PhysicalResourceId>${esc(r.physicalId)}</PhysicalResourceId><ResourceType>${esc(r.type)}</ResourceType>`
        + '<LastUpdatedTimestamp>2026-11-30T00:00:00Z</LastUpdatedTimestamp><ResourceStatus>UPDATE_COMPLETE</ResourceStatus></StackResourceDetail>';
    },
    GetTemplate(p) {
      const s = byNameOrId(p.StackName);
      if (!s) throw new CfnError('ValidationError', `Stack with id ${p.StackName} does not exist`);
      return `<TemplateBody>${esc(s.template)}</TemplateBody><StagesAvailable><member>Original</member></StagesAvailable>`;
    },
    CreateStack(p) {
      if (stacks.has(p.StackName)) throw new CfnError('AlreadyExistsException', `Stack [${p.StackName}] already exists`);
      const template = JSON.parse(templateOf(p));
      checkCapabilities(template, p.Capabilities);
      const s = newStack(p.StackName, 'CREATE_IN_PROGRESS');
      for (const [id, r] of Object.entries<any>(template.Resources ?? {})) {
        // The fake creates placeholders (and roles, for parents that hold IAM resources) only: anything else would need a service behind it.
        if (!['AWS::CloudFormation::WaitConditionHandle', 'AWS::IAM::Role'].includes(r.Type)) throw new CfnError('ValidationError', `the fake creates no ${r.Type}`);
        s.resources.set(id, { type: r.Type, physicalId: `${s.name}-${id}` });
      }
      s.template = templateOf(p);
      s.tags = p.Tags ?? [];
      s.pending = () => { s.status = 'CREATE_COMPLETE'; };
      return `<StackId>${esc(s.stackId)}</StackId>`;
    },
    UpdateStack(p) {
      const s = byNameOrId(p.StackName);
      if (!s) throw new CfnError('ValidationError', `Stack with id ${p.StackName} does not exist`);
      if (p.UsePreviousTemplate !== 'true') throw new CfnError('ValidationError', 'the fake updates tags only (UsePreviousTemplate)');
      if (!['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE'].includes(s.status)) {
        throw new CfnError('ValidationError', `Stack:${s.stackId} is in ${s.status} state and can not be updated.`);
      }
      // Tags left out keep the stack's; an empty list removes them (UpdateStack reference).
      const tags: Tag[] = p.Tags ?? s.tags;
      if (sameTags(tags, s.tags)) throw new CfnError('ValidationError', 'No updates are to be performed.');
      const failure = updateFailures.get(s.name);
      updateFailures.delete(s.name);
      s.status = 'UPDATE_IN_PROGRESS';
      s.pending = () => {
        if (failure) {
          s.status = 'UPDATE_ROLLBACK_COMPLETE';
          s.reason = failure;
        } else {
          s.tags = tags;
          s.status = 'UPDATE_COMPLETE';
          s.reason = undefined;
        }
      };
      return `<StackId>${esc(s.stackId)}</StackId>`;
    },
    CreateChangeSet(p) {
      if (p.ChangeSetType !== 'IMPORT') throw new CfnError('ValidationError', 'the fake makes IMPORT change sets only');
      // Observed against AWS (go-to-k/cdkd#582): an IMPORT change set cannot include nested stacks.
      if (p.IncludeNestedStacks === 'true') throw new CfnError('ValidationError', 'IncludeNestedStacks is not supported for changeSet type: IMPORT.');
      const toImport: ToImport[] = p.ResourcesToImport ?? [];
      // Source: CloudFormation API model, CreateChangeSet ResourcesToImport: at most 200.
      if (toImport.length > 200) {
        throw new CfnError('ValidationError', "1 validation error detected: Value at 'resourcesToImport' failed to satisfy constraint: Member must have length less than or equal to 200");
      }
      const body = templateOf(p);
      const failure = failures.get(p.StackName);
      failures.delete(p.StackName);
      let stack = stacks.get(p.StackName);
      if (stack && /_IN_PROGRESS$/.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
        throw new CfnError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
      }
      // A stack in REVIEW_IN_PROGRESS was never created: it takes another change set, which creates it.
      const existed = stack !== undefined && stack.status !== 'REVIEW_IN_PROGRESS';
      stack ??= newStack(p.StackName, 'REVIEW_IN_PROGRESS');
      const target = stack;
      checkCapabilities(JSON.parse(body), p.Capabilities, existed ? JSON.parse(target.template) : undefined);
      const problem = failure ?? importProblem(target, existed, JSON.parse(body), toImport, p.Parameters);
      const cs: FakeChangeSet = { status: problem ? 'FAILED' : 'CREATE_COMPLETE', reason: problem };
      // Seen as CREATE_PENDING once, as a change set is, then as it ends.
      if (!problem) {
        cs.apply = () => {
          for (const r of toImport) {
            const physicalId = r.ResourceIdentifier[PRIMARY_IDENTIFIER[r.ResourceType]];
            target.resources.set(r.LogicalResourceId, { type: r.ResourceType, physicalId });
            if (r.ResourceType === 'AWS::CloudFormation::Stack') byNameOrId(physicalId)!.parentId = target.stackId;
          }
          target.template = body;
          if (!existed) target.tags = p.Tags ?? [];
          target.status = 'IMPORT_COMPLETE';
        };
      }
      target.changeSets.set(p.ChangeSetName, cs);
      return `<Id>arn:aws:cloudformation:${options.region}:${options.account}:changeSet/${esc(p.ChangeSetName)}/x</Id><StackId>${esc(target.stackId)}</StackId>`;
    },
    DescribeChangeSet(p) {
      const cs = byNameOrId(p.StackName)?.changeSets.get(p.ChangeSetName);
      if (!cs) throw new CfnError('ChangeSetNotFound', `ChangeSet [${p.ChangeSetName}] does not exist`);
      if (!cs.described) {
        cs.described = true;
        return `<ChangeSetName>${esc(p.ChangeSetName)}</ChangeSetName><Status>CREATE_PENDING</Status><ExecutionStatus>UNAVAILABLE</ExecutionStatus>`;
      }
      return `<ChangeSetName>${esc(p.ChangeSetName)}</ChangeSetName><Status>${cs.status}</Status>`
        + `<ExecutionStatus>${cs.status === 'FAILED' ? 'UNAVAILABLE' : 'AVAILABLE'}</ExecutionStatus>${cs.reason ? `<StatusReason>${esc(cs.reason)}</StatusReason>` : ''}`;
    },
    ExecuteChangeSet(p) {
      const cs = byNameOrId(p.StackName)?.changeSets.get(p.ChangeSetName);
      if (!cs || cs.status !== 'CREATE_COMPLETE' || !cs.apply || !cs.described) {
        throw new CfnError('InvalidChangeSetStatus', `ChangeSet [${p.ChangeSetName}] cannot be executed in its current status`);
      }
      const target = byNameOrId(p.StackName)!;
      target.status = 'IMPORT_IN_PROGRESS';
      target.pending = cs.apply;
      cs.apply = undefined;
      return '';
    },
  };

  /** Why CloudFormation would refuse this import, or `undefined`. */
  function importProblem(target: FakeStack, existed: boolean, template: any, toImport: ToImport[], parameters: unknown): string | undefined {
    const resources: Record<string, any> = template.Resources ?? {};
    const importing = new Map(toImport.map(r => [r.LogicalResourceId, r]));
    const deployed = existed ? JSON.parse(target.template) : {};
    // Source: "Considerations during an import operation": no new resources, deletions or property changes beside the imports.
    for (const [id, r] of Object.entries(resources)) {
      if (importing.has(id)) continue;
      const before = deployed.Resources?.[id];
      if (!before) return `Resource ${id} is neither imported nor in the stack: an import operation creates no resources`;
      if (JSON.stringify(before) !== JSON.stringify(r)) return `Resource ${id} changes: an import operation changes no existing resources`;
    }
    for (const id of Object.keys(deployed.Resources ?? {})) {
      if (!(id in resources)) return `Resource ${id} is removed: an import operation deletes no resources`;
    }
    // Source: CloudFormation's answer, seen in awslabs/aws-security-assessment-solution#6 (the CDK CLI strips Outputs from what it imports).
    if (JSON.stringify(template.Outputs ?? {}) !== JSON.stringify(deployed.Outputs ?? {})) return 'As part of the import operation, you cannot modify or add [Outputs]';
    const declared = Object.keys(template.Parameters ?? {});
    const given = new Set(((parameters as Array<{ ParameterKey: string }> | undefined) ?? []).map(x => x.ParameterKey));
    const unset = declared.filter(k => !given.has(k) && template.Parameters[k].Default === undefined);
    if (unset.length > 0) return `Parameters: [${unset.join(', ')}] must have values`;
    for (const r of toImport) {
      const res = resources[r.LogicalResourceId];
      if (!res || res.Type !== r.ResourceType) return `Resource ${r.LogicalResourceId} of type ${r.ResourceType} is not in the template`;
      // Source: "Considerations during an import operation": each resource to import has a DeletionPolicy.
      if (res.DeletionPolicy === undefined) return `Resource ${r.LogicalResourceId} must have a DeletionPolicy attribute to be imported`;
      const key = PRIMARY_IDENTIFIER[r.ResourceType];
      if (!key) return `the fake imports no ${r.ResourceType}`;
      // Source: the registry schema's primaryIdentifier names the identifier.
      if (JSON.stringify(Object.keys(r.ResourceIdentifier)) !== JSON.stringify([key])) return `Resource ${r.LogicalResourceId} is identified by ${key}, not ${Object.keys(r.ResourceIdentifier).join(', ')}`;
      const physicalId = r.ResourceIdentifier[key];
      // Source: "Resource import validation": the resource exists and belongs to no other stack.
      const owned = owner(physicalId);
      if (owned) return `Resource ${physicalId} already belongs to stack ${owned.name}`;
      if (r.ResourceType === 'AWS::Connect::User') {
        if (!liveUsers.has(physicalId)) return `Resource ${physicalId} does not exist`;
        continue;
      }
      // Nesting an existing stack.
      // Source: "Nesting an existing stack": an existing stack is nested "within another existing stack".
      if (!existed) return `Stack ${physicalId} is not in an importable status: the parent ${target.name} must exist first`;
      // Source: "Nesting an existing stack": one level of nesting only.
      if (target.parentId) return `Stack ${target.name} is nested itself: one level of nesting only`;
      const child = byNameOrId(physicalId);
      if (!child) return `Stack ${physicalId} does not exist`;
      if (child.parentId) return `Stack ${physicalId} is nested already`;
      if ([...child.resources.values()].some(x => x.type === 'AWS::CloudFormation::Stack')) return 'Stacks to be imported cannot have any child stacks.';
      // Observed against AWS (go-to-k/cdkd#588): IMPORT_COMPLETE is not an importable status.
      if (!['CREATE_COMPLETE', 'UPDATE_COMPLETE'].includes(child.status)) return `Stack ${physicalId} is not in an importable status, current stack status is ${child.status}`;
      // Source: "Nested stack import validation": the definition matches the nested stack's template.
      let url: string;
      try {
        url = templateOf({ TemplateURL: resolvePseudo(res.Properties?.TemplateURL) });
      } catch (e) {
        return (e as Error).message;
      }
      if (JSON.stringify(JSON.parse(url)) !== JSON.stringify(JSON.parse(child.template))) return `The template of ${r.LogicalResourceId} does not match the template of stack ${child.name}`;
      // Source: "Nested stack import validation" (and go-to-k/cdkd#588): the tags match.
      if (!sameTags(res.Properties?.Tags ?? [], child.tags)) return `Tags of resource [${r.LogicalResourceId}] defined in the template don't match the tags of stack ${child.name}`;
      if (res.Properties?.Parameters !== undefined) return 'the fake nests no stack with parameters';
    }
    return undefined;
  }

  /** The TemplateURL a template gives, with the fake's region and account (Ref, Fn::Join, Fn::Sub). */
  function resolvePseudo(v: unknown): string {
    const pseudo: Record<string, string> = { 'AWS::Region': options.region, 'AWS::AccountId': options.account, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::Partition': 'aws' };
    if (typeof v === 'string') return v;
    const o = v as Record<string, any>;
    if (o?.Ref) return pseudo[o.Ref];
    if (o?.['Fn::Join']) return o['Fn::Join'][1].map(resolvePseudo).join(o['Fn::Join'][0]);
    if (o?.['Fn::Sub']) return String(o['Fn::Sub']).replace(/\$\{([^}]+)\}/g, (_m, n: string) => pseudo[n]);
    throw new CfnError('ValidationError', `TemplateURL ${JSON.stringify(v)} is not a URL`);
  }

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => { body += c; });
    req.on('end', () => {
      const flat = Object.fromEntries(new URLSearchParams(body));
      requests.push(flat);
      const action = flat.Action;
      res.setHeader('content-type', 'text/xml');
      try {
        const handler = handlers[action];
        if (!handler) throw new CfnError('InvalidAction', `the fake has no ${action}`);
        const inner = handler(unflatten(flat));
        res.end(`<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${inner}</${action}Result>`
          + `<ResponseMetadata><RequestId>r-${requests.length}</RequestId></ResponseMetadata></${action}Response>`);
      } catch (e) {
        const err = e instanceof CfnError ? e : new CfnError('InternalFailure', String((e as Error).stack));
        res.statusCode = 400;
        res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${err.code}</Code><Message>${esc(err.message)}</Message></Error><RequestId>r-x</RequestId></ErrorResponse>`);
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stacks,
    objects,
    requests,
    failNextChangeSet: (stackName, message) => { failures.set(stackName, message); },
    failNextUpdate: (stackName, message) => { updateFailures.set(stackName, message); },
    deploy: (name, template, nestedIn) => {
      const s = newStack(name, 'UPDATE_COMPLETE');
      s.template = JSON.stringify(template);
      if (nestedIn) {
        const parent = stacks.get(nestedIn.parent)!;
        s.parentId = parent.stackId;
        parent.resources.set(nestedIn.logicalId, { type: 'AWS::CloudFormation::Stack', physicalId: s.stackId });
      }
      return s.stackId;
    },
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

/**
 * A template with IAM resources needs CAPABILITY_IAM or CAPABILITY_NAMED_IAM, whether they are new or already in the stack.
 * Source: CreateChangeSet and CreateStack API reference, `Capabilities`.
 */
function checkCapabilities(template: any, given: unknown, deployed?: any): void {
  const types = [...Object.values<any>(template.Resources ?? {}), ...Object.values<any>(deployed?.Resources ?? {})].map(r => r.Type);
  const capabilities = Array.isArray(given) ? given : [];
  if (types.some(t => String(t).startsWith('AWS::IAM::')) && !capabilities.some(c => c === 'CAPABILITY_IAM' || c === 'CAPABILITY_NAMED_IAM')) {
    throw new CfnError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]');
  }
}

class CfnError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sameTags(a: Tag[], b: Tag[]): boolean {
  const key = (t: Tag[]) => JSON.stringify([...t].sort((x, y) => x.Key.localeCompare(y.Key)).map(x => [x.Key, x.Value]));
  return key(a) === key(b);
}

/**
 * The query protocol's flattened parameters as structures: `X.member.N` is a
 * list, `X.entry.N.key`/`.value` a map; an empty `X=` is an empty list.
 */
function unflatten(flat: Record<string, string>): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node: any = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if (last) {
        node[part] = value;
      } else {
        node[part] ??= {};
        node = node[part];
      }
    }
  }
  const shape = (v: any): any => {
    if (typeof v !== 'object') return v;
    if ('member' in v) return Object.keys(v.member).sort((a, b) => Number(a) - Number(b)).map(k => shape(v.member[k]));
    if ('entry' in v) return Object.fromEntries(Object.values<any>(v.entry).map(e => [e.key, shape(e.value)]));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
  };
  const out = shape(root);
  // An empty list is sent as `Tags=` (no members).
  for (const k of Object.keys(out)) if (out[k] === '' && (k === 'Tags' || k === 'Parameters')) out[k] = [];
  return out;
}
