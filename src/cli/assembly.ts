import * as fs from 'fs';
import * as path from 'path';
import { ADOPT_METADATA_KEY, AdoptMetadata } from '../private/adopt';
import { parseJson } from '../private/json';

/** An `AWS::Connect::User` as a template declares it. */
export interface TemplateUser {
  /**
   * Where the user is: the stack's name in the assembly, then the logical id of
   * each nested stack down to the user's (`Agents/AgentsShard3NestedStack...`).
   */
  readonly stack: string;
  /** The user's logical id in its template. */
  readonly logicalId: string;
  /** The resource's `Properties`, as written in the template. */
  readonly properties: Record<string, unknown>;
  /** The resource's `DeletionPolicy` (CloudFormation's default is `Delete`). */
  readonly deletionPolicy?: string;
  /** What an adopted user's metadata says (`adopt: true`), or `undefined`. */
  readonly adoption?: AdoptMetadata;
  /** The top-level stack the user deploys with (its own, or the one its nested stacks hang from), when known. */
  readonly top?: TopStack;
}

/** A top-level stack as CloudFormation knows it: what `cdk deploy` creates or updates. */
export interface TopStack {
  /** The stack's id in the assembly: the start of {@link TemplateUser.stack}. */
  readonly id: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  readonly account?: string;
  readonly region?: string;
}

/** A template as this module reads it. */
export interface Template {
  readonly Resources?: Record<string, TemplateResource>;
  readonly Parameters?: Record<string, unknown>;
  readonly Outputs?: Record<string, unknown>;
}

/** A resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

/** A stack of an assembly: how to reach its deployed copy, and its template. */
export interface AssemblyStack {
  /** The stack's id in the assembly (what `cdk deploy` takes). */
  readonly id: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The region it deploys to, when the assembly says. */
  readonly region?: string;
  /** The account it deploys to, when the assembly says. */
  readonly account?: string;
  /** Its stack-level tags, as `cdk deploy` gives them. */
  readonly tags?: Record<string, string>;
  readonly template: Template;
  /**
   * The template of the nested stack that `parent` (this stack's template or one
   * of its nested ones) declares as `logicalId`, or `undefined` when it cannot be found.
   */
  readonly nestedTemplate: (parent: Template, logicalId: string) => Template | undefined;
}

interface Manifest {
  artifacts?: Record<string, {
    type: string;
    displayName?: string;
    environment?: string;
    properties?: { templateFile?: string; stackName?: string; file?: string; directoryName?: string; tags?: Record<string, string> };
  }>;
}

/** Reads a JSON file, naming it when it is missing or not JSON. */
export function readJson<T>(file: string): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return parseJson(text) as T;
  } catch (e) {
    // Where and what, never the text around it: a template may hold a plaintext password.
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The stacks of a cloud assembly (a `cdk.out` directory), following nested
 * assemblies (stages), in manifest order.
 */
export function readStacks(assemblyDir: string): AssemblyStack[] {
  const manifestFile = path.join(assemblyDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new Error(`${assemblyDir} is not a cloud assembly (no manifest.json); run 'cdk synth' first`);
  }
  const manifest = readJson<Manifest>(manifestFile);
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)
    || (manifest.artifacts !== undefined && (manifest.artifacts === null || typeof manifest.artifacts !== 'object' || Array.isArray(manifest.artifacts)))) {
    throw new Error(`${manifestFile} is not a cloud assembly manifest (expected an object with an "artifacts" object)`);
  }
  const stacks: AssemblyStack[] = [];
  const artifacts = manifest.artifacts ?? {};
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (artifact?.type === 'cdk:cloud-assembly') {
      if (artifact.properties?.directoryName) stacks.push(...readStacks(path.join(assemblyDir, artifact.properties.directoryName)));
      continue;
    }
    if (artifact?.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (typeof templateFile !== 'string') {
      throw new Error(`${manifestFile}: artifact '${id}' has no templateFile string (got ${JSON.stringify(templateFile)})`);
    }
    const template = readJson<Template>(path.join(assemblyDir, templateFile));
    if (template === null || typeof template !== 'object' || Array.isArray(template)) {
      throw new Error(`${path.join(assemblyDir, templateFile)} is not a CloudFormation template (expected a JSON object)`);
    }
    // Nested stack templates are file assets of the stack: the asset manifest names each by its hash.
    const assetFiles = new Map<string, string>();
    const assets = artifacts[`${id}.assets`]?.properties?.file;
    if (assets) {
      const files = readJson<{ files?: Record<string, { source?: { path?: string } }> }>(path.join(assemblyDir, assets)).files ?? {};
      for (const [hash, f] of Object.entries(files)) {
        if (f.source?.path) assetFiles.set(hash, f.source.path);
      }
    }
    const [account, region] = artifact.environment?.split('/').slice(2) ?? [];
    stacks.push({
      id: artifact.displayName ?? id,
      stackName: artifact.properties?.stackName ?? id,
      region: region && region !== 'unknown-region' ? region : undefined,
      account: account && account !== 'unknown-account' ? account : undefined,
      tags: artifact.properties?.tags,
      template,
      nestedTemplate: (parent, logicalId) => {
        const file = nestedTemplateFiles(parent, assetFiles).get(logicalId);
        if (file !== undefined) return readJson<Template>(path.join(assemblyDir, file));
        // A template CDK made (its TemplateURL ends in an asset's hash) that the asset manifest does not name: the
        // assembly is incomplete, and skipping the nested stack would leave its users out without a word.
        const hash = assetHashOf(parent.Resources?.[logicalId]);
        if (hash !== undefined) {
          throw new Error(`${manifestFile}: the nested stack ${logicalId} of ${artifact.displayName ?? id} names the template asset ${hash}, `
            + 'which the stack\'s asset manifest does not list: synthesize again (\'cdk synth\')');
        }
        return undefined;
      },
    });
  }
  return stacks;
}

/** The asset hash a nested stack resource's TemplateURL ends in (a template CDK made), if any. */
function assetHashOf(r: TemplateResource | undefined): string | undefined {
  return /([0-9a-f]{64})\.json/.exec(JSON.stringify(r?.Properties?.TemplateURL ?? ''))?.[1];
}

/** The template file of each nested stack of a template, by the nested stack resource's logical id. */
export function nestedTemplateFiles(template: Template, assetFiles: Map<string, string>): Map<string, string> {
  const files = new Map<string, string>();
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    if (r.Type !== 'AWS::CloudFormation::Stack') continue;
    // With asset metadata (the cdk CLI's default) the file is named; otherwise the TemplateURL ends in the asset's hash.
    const named = r.Metadata?.['aws:asset:path'];
    if (typeof named === 'string' && named.endsWith('.json')) {
      files.set(logicalId, named);
      continue;
    }
    const hash = assetHashOf(r);
    const file = hash && assetFiles.get(hash);
    if (file) files.set(logicalId, file);
  }
  return files;
}

/**
 * The users of a template and of its nested stacks, each with where it is.
 * `nested` gives the template of a nested stack that a template declares.
 */
export function usersOf(stack: string, template: Template, nested: (parent: Template, logicalId: string) => Template | undefined,
  top?: TopStack): TemplateUser[] {
  const users: TemplateUser[] = [];
  for (const logicalId of Object.keys(template.Resources ?? {}).sort()) {
    const r = template.Resources![logicalId];
    if (r.Type === 'AWS::Connect::User') {
      const adoption = r.Metadata?.[ADOPT_METADATA_KEY] as AdoptMetadata | undefined;
      users.push({
        stack,
        logicalId,
        properties: r.Properties ?? {},
        deletionPolicy: r.DeletionPolicy,
        ...(adoption ? { adoption } : {}),
        ...(top ? { top } : {}),
      });
    } else if (r.Type === 'AWS::CloudFormation::Stack') {
      const child = nested(template, logicalId);
      if (child) users.push(...usersOf(`${stack}/${logicalId}`, child, nested, top));
    }
  }
  return users;
}

/** Every user of an assembly's stacks, nested stacks included. */
export function usersOfAssembly(assemblyDir: string): TemplateUser[] {
  return usersOfStacks(readStacks(assemblyDir));
}

/** Every user of these stacks, nested stacks included, each with its top-level stack. */
export function usersOfStacks(stacks: AssemblyStack[]): TemplateUser[] {
  return stacks.flatMap(s => usersOf(s.id, s.template, s.nestedTemplate, topOf(s)));
}

/** The top-level stack an assembly stack is. */
export function topOf(s: AssemblyStack): TopStack {
  return { id: s.id, stackName: s.stackName, ...(s.account ? { account: s.account } : {}), ...(s.region ? { region: s.region } : {}) };
}
