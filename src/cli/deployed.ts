import { AssemblyStack, Template, TemplateUser, usersOf } from './assembly';

/** What `plan --deployed` asks CloudFormation. */
export interface DeployedTemplates {
  /** The deployed template of a stack (name or id), or `undefined` when the stack does not exist. */
  template(stack: string): Promise<Template | undefined>;
  /** The physical id (ARN) of a nested stack, by its parent stack and logical id. */
  nestedStackId(parent: string, logicalId: string): Promise<string | undefined>;
}

/** Loads the AWS SDK's CloudFormation client (not a dependency of this package: installed by those who use --deployed). */
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
export const loadCloudFormationSdk = { load: (): any => require('@aws-sdk/client-cloudformation') };

/** Reads deployed templates with CloudFormation's GetTemplate and DescribeStackResource, through the AWS SDK. */
export function sdkDeployedTemplates(options: { region?: string; endpoint?: string }): (stackRegion?: string) => DeployedTemplates {
  let sdk: any;
  try {
    sdk = loadCloudFormationSdk.load();
  } catch {
    throw new Error("--deployed needs the AWS SDK for JavaScript v3 CloudFormation client: 'npm install --save-dev @aws-sdk/client-cloudformation'");
  }
  return stackRegion => {
    const client = new sdk.CloudFormationClient({ region: options.region ?? stackRegion, endpoint: options.endpoint });
    const missing = (e: any) => e?.name === 'ValidationError' && /does not exist/.test(String(e?.message));
    return {
      async template(stack) {
        try {
          const out = await client.send(new sdk.GetTemplateCommand({ StackName: stack, TemplateStage: 'Original' }));
          return parseTemplateBody(stack, out.TemplateBody);
        } catch (e) {
          if (missing(e)) return undefined;
          throw e;
        }
      },
      async nestedStackId(parent, logicalId) {
        try {
          const out = await client.send(new sdk.DescribeStackResourceCommand({ StackName: parent, LogicalResourceId: logicalId }));
          return out.StackResourceDetail?.PhysicalResourceId;
        } catch (e) {
          if (missing(e)) return undefined;
          throw e;
        }
      },
    };
  };
}

function parseTemplateBody(stack: string, body: unknown): Template {
  if (typeof body !== 'string') return {};
  try {
    return JSON.parse(body) as Template;
  } catch {
    throw new Error(`the deployed template of ${stack} is not JSON (a YAML template?); compare with --baseline <cdk.out of the deployed version> instead`);
  }
}

/**
 * The users of the deployed copies of an assembly's stacks, nested stacks included,
 * with the same `stack` paths as {@link usersOf} gives the assembly's own.
 */
export async function deployedUsers(stacks: AssemblyStack[], cfn: (region?: string) => DeployedTemplates): Promise<TemplateUser[]> {
  const users: TemplateUser[] = [];
  for (const s of stacks) {
    const api = cfn(s.region);
    const walk = async (path: string, physical: string, template: Template): Promise<void> => {
      // Users of this template (usersOf without descending), then each nested stack through CloudFormation.
      users.push(...usersOf(path, template, () => undefined));
      for (const logicalId of Object.keys(template.Resources ?? {}).sort()) {
        if (template.Resources![logicalId].Type !== 'AWS::CloudFormation::Stack') continue;
        const id = await api.nestedStackId(physical, logicalId);
        const nested = id === undefined ? undefined : await api.template(id);
        if (nested) await walk(`${path}/${logicalId}`, id!, nested);
      }
    };
    const template = await api.template(s.stackName);
    if (template) await walk(s.id, s.stackName, template);
  }
  return users;
}
