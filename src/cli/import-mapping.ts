import * as fs from 'fs';
import * as path from 'path';
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

interface Manifest {
  artifacts?: Record<string, { type: string; displayName?: string; properties?: { templateFile?: string } }>;
}

/**
 * Every adopted user in a cloud assembly (a `cdk.out` directory), stack by
 * stack in manifest order, users by logical id. Nested assemblies (stages) are followed.
 */
export function findAdoptedUsers(assemblyDir: string): AdoptedUser[] {
  const manifestFile = path.join(assemblyDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new Error(`${assemblyDir} is not a cloud assembly (no manifest.json); run 'cdk synth' first`);
  }
  const manifest: Manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const found: AdoptedUser[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly') {
      const dir = (artifact.properties as { directoryName?: string } | undefined)?.directoryName;
      if (dir) found.push(...findAdoptedUsers(path.join(assemblyDir, dir)));
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(fs.readFileSync(path.join(assemblyDir, artifact.properties.templateFile), 'utf8'));
    const resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }> = template.Resources ?? {};
    for (const logicalId of Object.keys(resources).sort()) {
      const r = resources[logicalId];
      const meta = r.Type === 'AWS::Connect::User' ? r.Metadata?.[ADOPT_METADATA_KEY] as AdoptMetadata | undefined : undefined;
      if (meta) found.push({ stack: artifact.displayName ?? id, logicalId, ...meta });
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
