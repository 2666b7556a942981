/**
 * `cdk-connect-user import-roster`, the run: brings a roster's adopted agents,
 * which live in nested stacks (the roster's shards), under CloudFormation, as
 * ./import-roster-plan.ts planned it.
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
import { TemplateResource } from './assembly';
import type { ImportCfn, StackTag } from './aws/cloudformation';
import { IMPORTING_TAG_KEY, MAX_RESOURCES_PER_IMPORT, RosterImportPlan, ShardImport } from './import-roster-plan';

/**
 * The largest template CreateChangeSet takes inline (larger ones go through S3).
 * Source: CloudFormation quotas, "Template body size in a request": 51,200 bytes.
 */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
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
