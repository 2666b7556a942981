import * as crypto from 'crypto';
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

/**
 * The file names of the stacks' mappings, one per stack: {@link mappingFileName}, and where two stacks would
 * get the same name (`Prod-Agents` and the stage's `Prod/Agents`; names that differ in case only, on a file
 * system that ignores case), each of them with 8 hex digits of a SHA-256 of its stack id, so that no
 * stack's file overwrites another's.
 */
export function mappingFileNames(stacks: readonly string[]): string[] {
  const key = (s: string) => mappingFileName(s).toLowerCase();
  const count = new Map<string, number>();
  for (const s of stacks) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
  return stacks.map(s => (count.get(key(s))! > 1
    ? mappingFileName(s).replace(/\.import-mapping\.json$/, `-${crypto.createHash('sha256').update(s).digest('hex').slice(0, 8)}.import-mapping.json`)
    : mappingFileName(s)));
}

/** Writes one mapping file per stack (stable bytes: sorted keys, two-space indent, final newline). */
export function writeMappings(mappings: StackMapping[], outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const names = mappingFileNames(mappings.map(m => m.stack));
  return mappings.map((m, i) => {
    const file = path.join(outDir, names[i]);
    const sorted = Object.fromEntries(Object.keys(m.mapping).sort().map(k => [k, m.mapping[k]]));
    fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
    return file;
  });
}
