/**
 * `cdk-connect-user import-roster`, the plan: which shards (nested stacks) of a
 * top-level stack hold adopted agents, what each is imported as, and every
 * problem that would make CloudFormation refuse a step, all found from the
 * cloud assembly before anything is called. ./import-roster-run.ts runs the plan.
 */
import { AssemblyStack, readStacks, Template, TemplateResource, TemplateUser, usersOf } from './assembly';
import type { StackTag } from './aws/cloudformation';
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
/** Tags per stack. Source: CloudFormation API model, CreateChangeSet/CreateStack/UpdateStack `Tags` (max 50). */
const MAX_STACK_TAGS = 50;
/** The stack-level tag a shard's stack carries between its import and the update that moves it to UPDATE_COMPLETE. */
export const IMPORTING_TAG_KEY = 'cdk-connect-user:importing';

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
