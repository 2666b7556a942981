/**
 * `cdk-connect-user import-roster`: brings a roster's adopted agents, which live
 * in nested stacks (the roster's shards), under CloudFormation.
 *
 * CloudFormation cannot import into a nested stack, and an IMPORT change set
 * cannot include nested stacks. What it allows is to import resources into a
 * stack of their own and then to nest that existing stack into a parent. So,
 * for each shard:
 *
 *  1. an IMPORT change set makes the shard's stack from its published template,
 *     naming every agent by `UserArn` (at most 200 per change set);
 *  2. a tag-only update moves that stack out of IMPORT_COMPLETE, which
 *     CloudFormation does not accept for nesting;
 *
 * and then, for the parent (created with a placeholder when it does not exist):
 *
 *  3. an IMPORT change set adds each shard's `AWS::CloudFormation::Stack`
 *     resource, exactly as synthesized, naming the shard's stack by `StackId`.
 *
 * A later `cdk deploy` brings the parent to its synthesized template. Each
 * step can be run again: what is done already is seen and skipped.
 */
import { AssemblyStack, readStacks, Template, TemplateResource, TemplateUser, usersOf } from './assembly';
import type { ImportCfn, StackTag } from './aws/cloudformation';
import { ADOPT_METADATA_KEY } from '../private/adopt';
import { MAX_TAGS } from '../private/rules/tags';

/** One agent of a shard, to import by `UserArn`. */
export interface ShardUser {
  readonly logicalId: string;
  readonly username: string;
  readonly instanceArn: string;
  /** Known from `existingUserArn`, or looked up by username. */
  userArn?: string;
  /** The keys of the tags the template gives the user. */
  readonly tagKeys: string[];
}

/** One shard of the roster: a nested stack of the parent, imported as a stack of its own. */
export interface ShardImport {
  /** The shard's `AWS::CloudFormation::Stack` logical id in the parent's template. */
  readonly logicalId: string;
  /** The name of the stack the shard is imported as. */
  readonly stackName: string;
  /** The shard's resource in the parent's template, as synthesized. */
  readonly resource: TemplateResource;
  /** Where CloudFormation reads the shard's template (the asset `cdk publish-assets` uploads). */
  readonly templateUrl: string;
  /** The tags the parent's template gives the shard's stack. */
  readonly tags: StackTag[];
  readonly users: ShardUser[];
}

/** What import-roster will do for one top-level stack. */
export interface RosterImportPlan {
  /** The stack's id in the assembly. */
  readonly stack: string;
  /** Its CloudFormation name (the parent of the shards). */
  readonly stackName: string;
  readonly region: string;
  /** The stack-level tags the assembly gives it. */
  readonly stackTags: StackTag[];
  readonly shards: ShardImport[];
  /** Adopted users in the stack's own template (not in a shard): `cdk import` imports those. */
  readonly topLevelAdopted: number;
}

/**
 * At most this many resources per IMPORT change set.
 * Source: CloudFormation API model, CreateChangeSet `ResourcesToImport` (max 200).
 */
export const MAX_RESOURCES_PER_IMPORT = 200;
/**
 * The largest template CreateChangeSet takes inline (larger ones go through S3).
 * Source: CloudFormation quotas, "Template body size in a request": 51,200 bytes.
 */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
/** Tags per stack. Source: CloudFormation API model, CreateChangeSet/CreateStack/UpdateStack `Tags` (max 50). */
const MAX_STACK_TAGS = 50;
/** The stack-level tag a shard's stack carries between its import and the update that moves it to UPDATE_COMPLETE. */
export const IMPORTING_TAG_KEY = 'cdk-connect-user:importing';
/** The placeholder of a parent that does not exist yet (a stack needs a resource; this one makes nothing). */
export const PLACEHOLDER_LOGICAL_ID = 'CdkConnectUserImportPlaceholder';
/** The statuses in which a stack can be nested into a parent. Observed against AWS (go-to-k/cdkd#588): not IMPORT_COMPLETE. */
const NESTABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);
/** The statuses of a stack that an import or update may start from. */
const SETTLED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);
/** What the CDK CLI acknowledges on every deploy: the parent may hold IAM resources or nested stacks (CloudFormation asks for these). */
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

/** What to do about a stack in a status import-roster cannot start from. */
function statusAdvice(name: string, status: string, reason?: string): string {
  const said = `${name} is ${status}${reason ? ` (${reason})` : ''}`;
  if (status === 'REVIEW_IN_PROGRESS') {
    return `${said}: it was never created (a change set waits to be executed); delete that change set or the stack, then run import-roster again`;
  }
  if (status.endsWith('_IN_PROGRESS')) return `${said}: wait until it finishes, then run import-roster again`;
  if (status === 'ROLLBACK_COMPLETE') return `${said}: its creation failed and it holds nothing; delete it, then run import-roster again`;
  if (status === 'UPDATE_ROLLBACK_COMPLETE') return `${said}: its update rolled back; fix the cause (see its events), then run import-roster again`;
  if (status === 'IMPORT_ROLLBACK_COMPLETE') {
    return `${said}: its import rolled back; delete it (its agents are retained: DeletionPolicy Retain), then run import-roster again`;
  }
  return `${said}: see its events in the CloudFormation console, bring it to a *_COMPLETE status, then run import-roster again`;
}

/** The name of the stack a shard is imported as: the parent's name and the shard's logical id (at most 128 characters). */
export function shardStackName(parent: string, logicalId: string): string {
  const name = `${parent}-${logicalId}`;
  // Logical ids end in a hash: keep the end when the name must be shortened.
  return name.length <= 128 ? name : `${parent.slice(0, 60)}-${logicalId.slice(-(128 - 61))}`;
}

/**
 * Plans the import of the adopted agents of the roster shards of one top-level
 * stack of an assembly. Returns every problem that would make CloudFormation
 * refuse a step, all at once; the plan only when there is none.
 */
export function planRosterImport(
  assemblyDir: string, options: { stack?: string; region?: string; lookup?: boolean } = {},
): { plan?: RosterImportPlan; problems: string[] } {
  const stacks = readStacks(assemblyDir);
  const withShards = stacks.filter(s => adoptedShardRows(s).length > 0);
  let stack: AssemblyStack | undefined;
  if (options.stack !== undefined) {
    stack = stacks.find(s => s.id === options.stack || s.stackName === options.stack);
    if (!stack) return { problems: [`no stack '${options.stack}' in ${assemblyDir} (stacks: ${stacks.map(s => s.id).join(', ') || 'none'})`] };
  } else if (withShards.length === 1) {
    stack = withShards[0];
  } else if (withShards.length === 0) {
    return { problems: [`no stack of ${assemblyDir} has adopted agents in nested stacks (a roster's shards): nothing to import this way`] };
  } else {
    return { problems: [`several stacks have adopted agents in nested stacks: name one with --stack (${withShards.map(s => s.id).join(', ')})`] };
  }

  const problems: string[] = [];
  const rows = adoptedShardRows(stack);
  if (rows.length === 0) {
    problems.push(`${stack.id} has no adopted agents in nested stacks (a roster's shards): nothing to import this way`);
  }
  // The instance ARN is a string unless the template computes it (then the parameters check below speaks).
  const arn = rows.flatMap(r => r.users).map(u => u.instanceArn).find(a => typeof a === 'string');
  const arnParts = arn?.split(':') ?? [];
  const region = stack.region ?? options.region ?? arnParts[3];
  const account = stack.account ?? arnParts[4];
  const partition = arnParts[1] ?? 'aws';
  if (!region || !account) {
    problems.push(`${stack.id} names no account or region, and no agent's instance ARN gives them: pass --region, or give the stack an env`);
  }
  const stackTags = tagList(stack.tags ?? {});

  const shards: ShardImport[] = [];
  for (const row of rows) {
    const where = `${stack.id}/${row.logicalId}`;
    const r = row.resource;
    const template = row.template;
    // Source: "Nesting an existing stack" (CloudFormation user guide): one level of nesting only.
    if (row.deeper) {
      problems.push(`${where}: the adopted agents are in a nested stack of a nested stack; CloudFormation nests an existing stack one level deep only: put the roster in a top-level stack`);
      continue;
    }
    // Source: "Considerations during an import operation": each resource to import has a DeletionPolicy. ("Nesting an
    // existing stack" adds it with Retain, which ConnectUserRoster sets on every shard holding an adopted agent.)
    if (r.DeletionPolicy === undefined) {
      problems.push(`${where}: the shard's stack resource has no DeletionPolicy; a resource to import needs one: `
        + 'synthesize again with this version (ConnectUserRoster sets Retain on shards with adopted agents)');
    }
    // A stack made by import stands alone: nothing in it may come from the parent.
    const params = Object.keys((r.Properties?.Parameters as Record<string, unknown> | undefined) ?? {});
    if (params.length > 0 || Object.keys(template.Parameters ?? {}).length > 0) {
      problems.push(`${where}: the shard takes parameters from its parent (${params.join(', ') || Object.keys(template.Parameters ?? {}).join(', ')}), `
        + 'which a stack imported on its own does not get: refer to the instance and profiles by ARN (ConnectInstance.fromInstanceAttributes, '
        + 'RoutingProfile.fromRoutingProfileArn, ...) or give the roster a JSON document with them');
    }
    // Source: CloudFormation's answer "As part of the import operation, you cannot modify or add [Outputs]" (seen in
    // awslabs/aws-security-assessment-solution#6); the CDK CLI strips Outputs from the templates it imports. The shard's
    // published template is imported as it is, so it must have none.
    const outputs = Object.keys(template.Outputs ?? {});
    if (outputs.length > 0) {
      problems.push(`${where}: the parent refers to agents of this shard (outputs ${outputs.join(', ')}), and an import adds no outputs: `
        + 'drop those references for the import, and add them back with a later cdk deploy');
    }
    // Source: "Considerations during an import operation" (CloudFormation user guide): an import creates no resource.
    const others = Object.entries(template.Resources ?? {})
      .filter(([, res]) => !(res.Type === 'AWS::Connect::User' && res.Metadata?.[ADOPT_METADATA_KEY]))
      .map(([id, res]) => `${id} (${res.Type}${res.Type === 'AWS::Connect::User' ? ', not adopted' : ''})`);
    if (others.length > 0) {
      problems.push(`${where}: an import creates nothing, and import-roster imports the shard's template as it is, but this shard also holds `
        + `${others.length} resource(s) to create: ${preview(others)}. Adopt those agents too (adopted agents take no generated password), `
        + 'or leave them out for the import and add them with a later cdk deploy');
    }
    // Source: CloudFormation API model, CreateChangeSet ResourcesToImport (max 200).
    if (row.users.length > MAX_RESOURCES_PER_IMPORT) {
      problems.push(`${where}: ${row.users.length} adopted agents; an IMPORT change set takes at most ${MAX_RESOURCES_PER_IMPORT} resources: `
        + `raise the roster's shardCount until no shard holds more than ${MAX_RESOURCES_PER_IMPORT}`);
    }
    const tags = literalTags(r.Properties?.Tags, where, problems);
    // Source: CloudFormation API model, CreateChangeSet Tags (max 50): the shard's tags and import-roster's own.
    if (tags.length + 1 > MAX_STACK_TAGS) {
      problems.push(`${where}: the shard's stack has ${tags.length} tags; while importing it also carries ${IMPORTING_TAG_KEY}, `
        + `and a stack takes at most ${MAX_STACK_TAGS}: drop a tag`);
    }
    // Source: Amazon Connect API model TagMap (max 50). Stack-level tags reach the agents beside their own ("Any stack-level
    // tags are applied to imported resources", Nesting an existing stack); a key in both counts once.
    for (const u of row.users) {
      const keys = new Set([...u.tagKeys, ...tags.map(t => t.Key), IMPORTING_TAG_KEY]);
      if (keys.size > MAX_TAGS) {
        problems.push(`${where}: agent '${u.username}' would carry ${keys.size} tag keys while importing (its own, the shard stack's and `
          + `${IMPORTING_TAG_KEY}); Amazon Connect takes at most ${MAX_TAGS}: drop ${keys.size - MAX_TAGS}`);
      }
    }
    const url = region && account ? resolveUrl(r.Properties?.TemplateURL, { region, account, partition }) : undefined;
    if (region && account && url === undefined) {
      problems.push(`${where}: cannot work out the shard's TemplateURL from ${JSON.stringify(r.Properties?.TemplateURL)}`);
    }
    shards.push({ logicalId: row.logicalId, stackName: shardStackName(stack.stackName, row.logicalId), resource: r, templateUrl: url ?? '', tags, users: row.users });
  }
  // An import names each resource by its primary identifier (UserArn).
  const missing = shards.flatMap(sh => sh.users).filter(u => !u.userArn);
  if (missing.length > 0 && !options.lookup) {
    problems.push(`${missing.length} adopted agent(s) have no existingUserArn; set it, or pass --lookup to find them by username: `
      + `${preview(missing.map(u => `'${u.username}'`))}`);
  }
  if (problems.length > 0) return { problems };
  const topLevelAdopted = usersOf(stack.id, stack.template, () => undefined).filter(u => u.adoption).length;
  return { plan: { stack: stack.id, stackName: stack.stackName, region: region!, stackTags, shards, topLevelAdopted }, problems: [] };
}

interface ShardRow {
  readonly logicalId: string;
  readonly resource: TemplateResource;
  readonly template: Template;
  readonly users: ShardUser[];
  /** Whether the adopted agents are deeper than the shard (a nested stack of a nested stack). */
  readonly deeper: boolean;
}

/** The nested stacks of a stack's template that hold adopted agents, directly or deeper (`usersOf` walks them). */
function adoptedShardRows(stack: AssemblyStack): ShardRow[] {
  const rows: ShardRow[] = [];
  for (const logicalId of Object.keys(stack.template.Resources ?? {}).sort()) {
    const resource = stack.template.Resources![logicalId];
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const template = stack.nestedTemplate(stack.template, logicalId);
    if (!template) continue;
    const adopted = usersOf(logicalId, template, stack.nestedTemplate).filter(u => u.adoption);
    const users = adopted.filter(u => u.stack === logicalId).map(shardUser);
    const deeper = adopted.some(u => u.stack !== logicalId);
    if (users.length > 0 || deeper) rows.push({ logicalId, resource, template, users, deeper });
  }
  return rows;
}

/** An adopted user of a shard's template, as the import names it. */
function shardUser(u: TemplateUser): ShardUser {
  const tags = u.properties.Tags;
  return {
    logicalId: u.logicalId,
    username: u.adoption!.username,
    instanceArn: u.adoption!.instanceArn,
    userArn: u.adoption!.userArn,
    tagKeys: Array.isArray(tags) ? tags.map((t: { Key?: unknown }, n: number) => (typeof t?.Key === 'string' ? t.Key : `(tag ${n})`)) : [],
  };
}

function tagList(tags: Record<string, string>): StackTag[] {
  return Object.keys(tags).sort().map(Key => ({ Key, Value: tags[Key] }));
}

/** The literal tags of a template's `Tags` property; an intrinsic among them is a problem. */
function literalTags(value: unknown, where: string, problems: string[]): StackTag[] {
  if (value === undefined) return [];
  const ok = Array.isArray(value) && value.every(t => t && typeof t.Key === 'string' && typeof t.Value === 'string');
  if (!ok) {
    problems.push(`${where}: the shard's stack tags are not all plain strings (${JSON.stringify(value)}); the shard's stack must be given the same tags, so they must be known`);
    return [];
  }
  return (value as StackTag[]).map(t => ({ Key: t.Key, Value: t.Value }));
}

/** A template's TemplateURL with the pseudo parameters of the stack's environment: strings, Ref, Fn::Join and Fn::Sub. */
export function resolveUrl(value: unknown, env: { region: string; account: string; partition: string }): string | undefined {
  const pseudo: Record<string, string> = {
    'AWS::Region': env.region,
    'AWS::AccountId': env.account,
    'AWS::Partition': env.partition,
    'AWS::URLSuffix': env.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
  };
  const resolve = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    const [key, arg] = Object.entries(v as Record<string, unknown>)[0] ?? [];
    if (Object.keys(v as object).length !== 1) return undefined;
    if (key === 'Ref') return typeof arg === 'string' ? pseudo[arg] : undefined;
    if (key === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      const parts = (arg[1] as unknown[]).map(resolve);
      return parts.every(p => p !== undefined) ? parts.join(arg[0]) : undefined;
    }
    if (key === 'Fn::Sub' && typeof arg === 'string') {
      let missing = false;
      const out = arg.replace(/\$\{([^}]+)\}/g, (_m, name: string) => pseudo[name] ?? ((missing = true), ''));
      return missing ? undefined : out;
    }
    return undefined;
  };
  return resolve(value);
}

function preview(items: string[]): string {
  return items.length <= 5 ? items.join(', ') : `${items.slice(0, 5).join(', ')} and ${items.length - 5} more`;
}

/** How long to wait between polls of a change set or stack, and for how long at most. `delayMs` is a test hook. */
export const importPolling = { delayMs: 5_000, timeoutMs: 2 * 60 * 60 * 1000 };

/** What the import did, for the summary. */
export interface ImportResult {
  readonly imported: string[];
  readonly alreadyDone: string[];
  readonly parentCreated: boolean;
}

/**
 * Runs the plan: each step waits for CloudFormation to finish it. Progress goes
 * to `log`. A failure throws with what CloudFormation said and what to do.
 */
export async function runRosterImport(
  plan: RosterImportPlan, cfn: ImportCfn, log: (line: string) => void, options: { concurrency?: number } = {},
): Promise<ImportResult> {
  const parent = await cfn.describeStack(plan.stackName);
  if (parent?.parentId) throw new Error(`${plan.stackName} is itself a nested stack; CloudFormation nests an existing stack one level deep only`);
  if (parent && !SETTLED.has(parent.status)) throw new Error(statusAdvice(plan.stackName, parent.status, parent.reason));
  // The parent as it will be nested into: its deployed template, or the placeholder it is made with.
  const parentTemplate: { Resources?: Record<string, unknown>; Parameters?: Record<string, unknown> } = parent
    ? parseTemplate(plan.stackName, await cfn.getTemplate(plan.stackName))
    : { Resources: { [PLACEHOLDER_LOGICAL_ID]: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } };
  const nestedAlready = new Set(Object.keys(parentTemplate.Resources ?? {}).filter(id => plan.shards.some(s => s.logicalId === id)));
  const todo = plan.shards.filter(s => !nestedAlready.has(s.logicalId));
  if (nestedAlready.size > 0) log(`${nestedAlready.size} shard(s) are nested in ${plan.stackName} already: ${[...nestedAlready].join(', ')}`);

  // The templates that nest the shards, checked before anything is imported: CreateChangeSet takes them inline.
  const resources: Record<string, unknown> = { ...(parentTemplate.Resources ?? {}) };
  const batches: Array<{ shards: ShardImport[]; body: string }> = [];
  for (let i = 0; i < todo.length; i += MAX_RESOURCES_PER_IMPORT) {
    const batch = todo.slice(i, i + MAX_RESOURCES_PER_IMPORT);
    for (const shard of batch) resources[shard.logicalId] = nestingResource(shard, resources);
    const body = JSON.stringify({ ...parentTemplate, Resources: { ...resources } });
    if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES) {
      throw new Error(`the template that nests the shards into ${plan.stackName} would be ${Buffer.byteLength(body)} bytes, and CreateChangeSet takes `
        + `at most ${MAX_TEMPLATE_BODY_BYTES} inline (import-roster does not upload it). Nothing was imported. Put the roster in a stack of its own `
        + '(its template then holds the shards alone, a few hundred bytes each)');
    }
    batches.push({ shards: batch, body });
  }

  // Steps 1 and 2, shard by shard, a few at a time.
  const stackIds = new Map<string, string>();
  let done = 0;
  const queue = [...todo];
  const failures: Error[] = [];
  const worker = async () => {
    // After a failure no shard is started; those under way finish, so that a new run finds each stack settled.
    for (let shard = queue.shift(); shard && failures.length === 0; shard = queue.shift()) {
      try {
        stackIds.set(shard.logicalId, await importShard(shard, cfn, log));
        log(`[${++done}/${todo.length}] ${shard.stackName}: ${shard.users.length} agents imported, ready to nest`);
      } catch (e) {
        failures.push(e as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, todo.length)) }, worker));
  if (failures.length > 0) {
    throw new Error(`${failures.map(f => f.message).join('\n')}\n${done} of ${todo.length} shard(s) are imported and ready to nest; `
      + 'run import-roster again once the cause is fixed: it goes on from there');
  }

  // Step 3: the parent, made with the placeholder when it does not exist ("nest an existing stack within another existing stack").
  let parentCreated = false;
  if (!parent && todo.length > 0) {
    log(`${plan.stackName} does not exist: creating it with a placeholder (an AWS::CloudFormation::WaitConditionHandle, which makes nothing); cdk deploy removes it`);
    await cfn.createStack({ StackName: plan.stackName, TemplateBody: JSON.stringify(parentTemplate), Tags: plan.stackTags });
    await waitStack(cfn, plan.stackName, 'CREATE_COMPLETE');
    parentCreated = true;
  }

  // Step 4: nest the shards' stacks, at most 200 per change set.
  for (const batch of batches) {
    const name = `cdk-connect-user-nest-${Date.now()}`;
    log(`${plan.stackName}: nesting ${batch.shards.length} shard stack(s) (IMPORT change set ${name})`);
    await changeSet(cfn, plan.stackName, name, {
      TemplateBody: batch.body,
      Parameters: Object.keys(parentTemplate.Parameters ?? {}).map(k => ({ ParameterKey: k, UsePreviousValue: true })),
      ResourcesToImport: batch.shards.map(s => ({
        ResourceType: 'AWS::CloudFormation::Stack', LogicalResourceId: s.logicalId, ResourceIdentifier: { StackId: stackIds.get(s.logicalId)! },
      })),
    });
  }
  return { imported: todo.map(s => s.logicalId), alreadyDone: [...nestedAlready], parentCreated };
}

/** A deployed template, which import-roster reads as JSON (as CDK deploys it). */
function parseTemplate(stack: string, body: string): { Resources?: Record<string, unknown>; Parameters?: Record<string, unknown> } {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`the deployed template of ${stack} is not JSON (YAML?); import-roster adds to a JSON template, as CDK deploys: `
      + 'deploy the stack with CDK first, or put the roster in a stack of its own');
  }
}

/**
 * The shard's resource for the nesting change set: as synthesized, but for a
 * `DependsOn` on what the parent does not have yet (cdk deploy adds it back).
 */
function nestingResource(shard: ShardImport, present: Record<string, unknown>): TemplateResource {
  const { DependsOn, ...rest } = shard.resource as TemplateResource & { DependsOn?: string | string[] };
  const kept = (DependsOn === undefined ? [] : Array.isArray(DependsOn) ? DependsOn : [DependsOn]).filter(d => d in present);
  return kept.length > 0 ? { ...rest, DependsOn: kept } as TemplateResource : rest;
}

/** Imports one shard as a stack of its own, and moves it to UPDATE_COMPLETE. Resumes where an earlier run stopped. */
async function importShard(shard: ShardImport, cfn: ImportCfn, log: (line: string) => void): Promise<string> {
  let stack = await cfn.describeStack(shard.stackName);
  if (stack?.parentId) {
    throw new Error(`${shard.stackName} is nested in another stack (${stack.parentId}) already; CloudFormation nests a stack in one parent only`);
  }
  // REVIEW_IN_PROGRESS: an earlier change set made the stack's name but was never executed; CloudFormation takes another.
  const fresh = !stack || stack.status === 'REVIEW_IN_PROGRESS';
  if (stack && !fresh && (!SETTLED.has(stack.status) || stack.status === 'IMPORT_ROLLBACK_COMPLETE')) {
    throw new Error(statusAdvice(shard.stackName, stack.status, stack.reason));
  }
  if (fresh) {
    const name = `cdk-connect-user-import-${Date.now()}`;
    log(`${shard.stackName}: importing ${shard.users.length} agents (IMPORT change set ${name})`);
    await changeSet(cfn, shard.stackName, name, {
      TemplateURL: shard.templateUrl,
      // A tag of its own while importing: the update that follows removes it, which moves the stack to UPDATE_COMPLETE.
      Tags: [...shard.tags, { Key: IMPORTING_TAG_KEY, Value: 'true' }],
      ResourcesToImport: shard.users.map(u => ({ ResourceType: 'AWS::Connect::User', LogicalResourceId: u.logicalId, ResourceIdentifier: { UserArn: u.userArn! } })),
    });
    stack = (await cfn.describeStack(shard.stackName))!;
  }
  if (!NESTABLE.has(stack!.status) || !sameTags(stack!.tags, shard.tags)) {
    // Observed against AWS (go-to-k/cdkd#588): a stack in IMPORT_COMPLETE cannot be nested; a tag-only update moves
    // it on. Its tags become the parent's for it: nesting checks they match ("Nesting an existing stack").
    log(`${shard.stackName}: setting its tags to the parent's for it (moves it from ${stack!.status} to UPDATE_COMPLETE)`);
    await cfn.updateTags(shard.stackName, shard.tags);
    await waitStack(cfn, shard.stackName, 'UPDATE_COMPLETE');
  }
  return stack!.stackId;
}

function sameTags(a: StackTag[], b: StackTag[]): boolean {
  const key = (t: StackTag[]) => JSON.stringify([...t].sort((x, y) => x.Key.localeCompare(y.Key)));
  return key(a) === key(b);
}

/** Creates a change set, waits for it, executes it and waits for the stack to finish the import. */
async function changeSet(cfn: ImportCfn, stackName: string, name: string, input: Omit<Parameters<ImportCfn['createImportChangeSet']>[0], 'StackName' | 'ChangeSetName'>): Promise<void> {
  try {
    await cfn.createImportChangeSet({ StackName: stackName, ChangeSetName: name, Capabilities: CAPABILITIES, ...input });
  } catch (e) {
    throw new Error(`${stackName}: CloudFormation refused the IMPORT change set: ${(e as Error).message}${hint((e as Error).message)}`);
  }
  const started = Date.now();
  for (;;) {
    const cs = await cfn.describeChangeSet(stackName, name);
    if (cs.status === 'CREATE_COMPLETE') break;
    if (cs.status === 'FAILED') throw new Error(`${stackName}: the IMPORT change set ${name} failed: ${cs.reason ?? '(no reason given)'}${hint(cs.reason ?? '')}`);
    if (Date.now() - started > importPolling.timeoutMs) throw new Error(`${stackName}: the change set ${name} is still ${cs.status}`);
    await sleep(importPolling.delayMs);
  }
  await cfn.executeChangeSet(stackName, name);
  await waitStack(cfn, stackName, 'IMPORT_COMPLETE');
}

function hint(message: string): string {
  return /TemplateURL|S3/i.test(message) ? " (has the shard's template been published? 'cdk publish-assets <stack>' uploads it)" : '';
}

async function waitStack(cfn: ImportCfn, name: string, wanted: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const s = await cfn.describeStack(name);
    if (s?.status === wanted) return;
    if (!s) throw new Error(`${name} is gone, not ${wanted}`);
    if (!s.status.endsWith('_IN_PROGRESS')) throw new Error(`expected ${wanted}: ${statusAdvice(name, s.status, s.reason)}`);
    if (Date.now() - started > importPolling.timeoutMs) throw new Error(`${name} is still ${s.status}`);
    await sleep(importPolling.delayMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
