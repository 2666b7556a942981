/**
 * `plan --deployed`: the users of the deployed copies of an assembly's stacks,
 * read through CloudFormation (./aws/cloudformation.ts makes the calls).
 */
import { AssemblyStack, Template, TemplateUser, topOf, usersOf } from './assembly';
import type { DeployedTemplates } from './aws/cloudformation';

/**
 * The users of the deployed copies of an assembly's stacks, nested stacks included,
 * with the same `stack` paths as {@link usersOf} gives the assembly's own.
 */
export async function deployedUsers(stacks: AssemblyStack[], cfn: (region?: string) => DeployedTemplates): Promise<TemplateUser[]> {
  const users: TemplateUser[] = [];
  for (const s of stacks) {
    const api = cfn(s.region);
    // Each nested stack once: CloudFormation nests stacks as a tree, and an answer naming a stack read already
    // (a cycle) would otherwise be walked for ever.
    const walked = new Set<string>();
    const walk = async (path: string, physical: string, template: Template): Promise<void> => {
      // Users of this template (usersOf without descending), then each nested stack through CloudFormation.
      users.push(...usersOf(path, template, () => undefined, topOf(s)));
      for (const logicalId of Object.keys(template.Resources ?? {}).sort()) {
        if (template.Resources![logicalId].Type !== 'AWS::CloudFormation::Stack') continue;
        const id = await api.nestedStackId(physical, logicalId);
        if (id !== undefined && walked.has(id)) {
          throw new Error(`${path}/${logicalId}: CloudFormation names ${id} as this nested stack, which was read already higher up: the nesting is not a tree`);
        }
        if (id !== undefined) walked.add(id);
        const nested = id === undefined ? undefined : await api.template(id);
        if (nested) await walk(`${path}/${logicalId}`, id!, nested);
      }
    };
    const template = await api.template(s.stackName);
    if (template) await walk(s.id, s.stackName, template);
  }
  return users;
}
