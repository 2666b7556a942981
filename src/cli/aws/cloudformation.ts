/**
 * The CloudFormation API as the CLI uses it: the AWS SDK's CloudFormation
 * client, loaded on demand (it is not a dependency of this package), made under
 * the CLI's one policy (./policy.ts), behind the two sets of calls the commands
 * make: reading deployed templates (`plan --deployed`) and importing a roster's
 * shards (`import-roster`).
 */
import { clientConfig, ClientPlace, loadSdk, sendWithDeadline } from './policy';
import type { Template } from '../assembly';

const SDK_PACKAGE = '@aws-sdk/client-cloudformation';

/** Loads the AWS SDK's CloudFormation client (not a dependency of this package: installed by those who use --deployed or import-roster). */
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
export const loadCloudFormationSdk = { load: (): any => require('@aws-sdk/client-cloudformation') };

/** Sends `new sdk[<operation>Command](input)` under the policy; resolves to its output. */
type Send = (operation: string, input: Record<string, unknown>) => Promise<any>;

/** Loads the SDK (or says how to install it, naming `neededBy`); then makes clients under the policy. */
function cloudFormationClients(neededBy: string): (place: ClientPlace) => Send {
  const sdk = loadSdk(loadCloudFormationSdk.load, neededBy, 'CloudFormation', SDK_PACKAGE);
  return place => {
    const client = new sdk.CloudFormationClient(clientConfig(SDK_PACKAGE, place));
    const endpoint = place.endpoint ?? `https://cloudformation.${place.region ?? '<no region>'}.amazonaws.com`;
    return async (operation, input) => {
      const about = ` (${[input.StackName !== undefined ? `stack ${input.StackName}` : '', `at ${endpoint}`].filter(x => x).join(', ')})`;
      const out = await sendWithDeadline(client, new sdk[`${operation}Command`](input), operation, about);
      const field = ALWAYS_RETURNED[operation];
      if (field !== undefined && (out === null || typeof out !== 'object' || out[field] === undefined || out[field] === null)) {
        throw new Error(`${operation}${about} answered without ${field}, which it always returns: the endpoint did not give a real answer, `
          + 'so nothing is read from it (check --endpoint-url, a proxy, or the service\'s health)');
      }
      return out;
    };
  };
}

/**
 * The member each operation's answer always has (CloudFormation API reference, each operation's response
 * elements: the template, the stack list, the change set's status, the resource's detail; a stack that does not
 * exist is a ValidationError, not an empty answer). A 200 answer without it is an error naming the operation,
 * never a missing stack or an empty template (which `plan --deployed` would report as every user CREATED, and
 * import-roster would poll for hours).
 */
const ALWAYS_RETURNED: Readonly<Record<string, string>> = {
  GetTemplate: 'TemplateBody',
  DescribeStacks: 'Stacks',
  DescribeStackResource: 'StackResourceDetail',
  DescribeChangeSet: 'Status',
};

/** Whether CloudFormation said that a stack does not exist (a ValidationError, as the query protocol has it). */
function stackMissing(e: unknown): boolean {
  return (e as { name?: string })?.name === 'ValidationError' && /does not exist/.test(String((e as Error)?.message));
}

/** What `plan --deployed` asks CloudFormation. */
export interface DeployedTemplates {
  /** The deployed template of a stack (name or id), or `undefined` when the stack does not exist. */
  template(stack: string): Promise<Template | undefined>;
  /** The physical id (ARN) of a nested stack, by its parent stack and logical id. */
  nestedStackId(parent: string, logicalId: string): Promise<string | undefined>;
}

/**
 * Reads deployed templates with CloudFormation's GetTemplate and DescribeStackResource,
 * through the AWS SDK: one client per stack region (`options.region` overrides it).
 */
export function sdkDeployedTemplates(options: { region?: string; endpoint?: string }): (stackRegion?: string) => DeployedTemplates {
  const clients = cloudFormationClients('--deployed');
  return stackRegion => {
    const send = clients({ region: options.region ?? stackRegion, endpoint: options.endpoint });
    return {
      async template(stack) {
        try {
          const out = await send('GetTemplate', { StackName: stack, TemplateStage: 'Original' });
          return parseTemplateBody(stack, out.TemplateBody);
        } catch (e) {
          if (stackMissing(e)) return undefined;
          throw e;
        }
      },
      async nestedStackId(parent, logicalId) {
        try {
          const out = await send('DescribeStackResource', { StackName: parent, LogicalResourceId: logicalId });
          return out.StackResourceDetail?.PhysicalResourceId;
        } catch (e) {
          if (stackMissing(e)) return undefined;
          throw e;
        }
      },
    };
  };
}

function parseTemplateBody(stack: string, body: unknown): Template {
  if (typeof body !== 'string') throw new Error(`GetTemplate of ${stack} answered a TemplateBody that is not a string (${typeof body})`);
  try {
    return JSON.parse(body) as Template;
  } catch {
    throw new Error(`the deployed template of ${stack} is not JSON (a YAML template?); compare with --baseline <cdk.out of the deployed version> instead`);
  }
}

/** A tag as CloudFormation takes it. */
export interface StackTag {
  readonly Key: string;
  readonly Value: string;
}

/** The CloudFormation calls import-roster makes. */
export interface ImportCfn {
  /** A stack's status, id, tags and parent, or `undefined` when it does not exist. */
  describeStack(name: string): Promise<{ stackId: string; status: string; reason?: string; tags: StackTag[]; parentId?: string } | undefined>;
  /** A stack's template as it was given (`TemplateStage: Original`). */
  getTemplate(name: string): Promise<string>;
  createStack(input: { StackName: string; TemplateBody: string; Tags: StackTag[]; Capabilities?: string[] }): Promise<void>;
  /** Updates only the stack-level tags (`UsePreviousTemplate`). */
  updateTags(name: string, tags: StackTag[]): Promise<void>;
  createImportChangeSet(input: {
    StackName: string;
    ChangeSetName: string;
    TemplateURL?: string;
    TemplateBody?: string;
    Parameters?: Array<{ ParameterKey: string; UsePreviousValue: boolean }>;
    Tags?: StackTag[];
    Capabilities?: string[];
    ResourcesToImport: Array<{ ResourceType: string; LogicalResourceId: string; ResourceIdentifier: Record<string, string> }>;
  }): Promise<void>;
  describeChangeSet(stackName: string, changeSetName: string): Promise<{ status: string; reason?: string }>;
  executeChangeSet(stackName: string, changeSetName: string): Promise<void>;
}

/** The import's CloudFormation calls through the AWS SDK (loaded on demand, as `plan --deployed` does). */
export function sdkImportCfn(options: { region: string; endpoint?: string }): ImportCfn {
  const send = cloudFormationClients('import-roster')(options);
  return {
    async describeStack(name) {
      try {
        const s = (await send('DescribeStacks', { StackName: name })).Stacks?.[0];
        return s && {
          stackId: s.StackId,
          status: s.StackStatus,
          reason: s.StackStatusReason,
          parentId: s.ParentId,
          tags: (s.Tags ?? []).map((t: StackTag) => ({ Key: t.Key, Value: t.Value })),
        };
      } catch (e) {
        if (stackMissing(e)) return undefined;
        throw e;
      }
    },
    async getTemplate(name) {
      return (await send('GetTemplate', { StackName: name, TemplateStage: 'Original' })).TemplateBody;
    },
    async createStack(input) { await send('CreateStack', input); },
    async updateTags(name, tags) { await send('UpdateStack', { StackName: name, UsePreviousTemplate: true, Tags: tags }); },
    async createImportChangeSet(input) { await send('CreateChangeSet', { ...input, ChangeSetType: 'IMPORT' }); },
    async describeChangeSet(stackName, changeSetName) {
      const out = await send('DescribeChangeSet', { StackName: stackName, ChangeSetName: changeSetName });
      return { status: out.Status, reason: out.StatusReason };
    },
    async executeChangeSet(stackName, changeSetName) { await send('ExecuteChangeSet', { StackName: stackName, ChangeSetName: changeSetName }); },
  };
}
