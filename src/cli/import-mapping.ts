import * as fs from 'fs';
import * as path from 'path';
import { readStacks } from './assembly';
import { ADOPT_METADATA_KEY, AdoptMetadata } from '../private/adopt';

/** An adopted user found in a synthesized template. */
export interface AdoptedUser extends AdoptMetadata {
  /** The stack's id in the cloud assembly (what `cdk import` takes). */
  readonly stack: string;
  /** The user's logical id in the stack's template. */
  readonly logicalId: string;
}

/** Finds the ARN of the user with `username` in the instance. */
export type UserArnLookup = (instanceArn: string, username: string) => Promise<string>;

/** The `cdk import --resource-mapping` file of one stack. */
export interface StackMapping {
  readonly stack: string;
  /** Logical id -> the identifier CloudFormation imports by (`UserArn`). */
  readonly mapping: Record<string, { UserArn: string }>;
}

/**
 * Every adopted user in a cloud assembly (a `cdk.out` directory), stack by
 * stack in manifest order, users by logical id. Nested assemblies (stages) are followed.
 */
export function findAdoptedUsers(assemblyDir: string): AdoptedUser[] {
  const found: AdoptedUser[] = [];
  for (const stack of readStacks(assemblyDir)) {
    const resources = stack.template.Resources ?? {};
    for (const logicalId of Object.keys(resources).sort()) {
      const r = resources[logicalId];
      const meta = r.Type === 'AWS::Connect::User' ? r.Metadata?.[ADOPT_METADATA_KEY] as AdoptMetadata | undefined : undefined;
      if (meta) found.push({ stack: stack.id, logicalId, ...meta });
    }
  }
  return found;
}

/**
 * The import mapping of every stack that has adopted users. Users without an
 * `existingUserArn` are looked up with `lookup`; without one, they are an error
 * listing every such user.
 */
export async function buildMappings(users: AdoptedUser[], lookup?: UserArnLookup): Promise<StackMapping[]> {
  const missing = users.filter(u => !u.userArn);
  if (missing.length > 0 && !lookup) {
    throw new Error(`These adopted users have no existingUserArn; set it in code or pass --lookup to find them by username:\n${
      missing.map(u => `  - ${u.stack}/${u.logicalId}: '${u.username}' in ${u.instanceArn}`).join('\n')}`);
  }
  const byStack = new Map<string, Record<string, { UserArn: string }>>();
  for (const u of users) {
    const userArn = u.userArn ?? await lookup!(u.instanceArn, u.username);
    const mapping = byStack.get(u.stack) ?? {};
    mapping[u.logicalId] = { UserArn: userArn };
    byStack.set(u.stack, mapping);
  }
  return [...byStack.keys()].sort().map(stack => ({ stack, mapping: byStack.get(stack)! }));
}

/** The file name of a stack's mapping: the stack id with path separators replaced. */
export function mappingFileName(stack: string): string {
  return `${stack.replace(/[^A-Za-z0-9._-]/g, '-')}.import-mapping.json`;
}

/** Writes one mapping file per stack (stable bytes: sorted keys, two-space indent, final newline). */
export function writeMappings(mappings: StackMapping[], outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return mappings.map(m => {
    const file = path.join(outDir, mappingFileName(m.stack));
    const sorted = Object.fromEntries(Object.keys(m.mapping).sort().map(k => [k, m.mapping[k]]));
    fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
    return file;
  });
}
