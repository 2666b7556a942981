/**
 * Creation pacing: DependsOn lanes, so that a deploy never has more than N `AWS::Connect::User` operations
 * in flight. Built from the dependency graph alone (no custom resource).
 *
 * Why N: Amazon Connect's API reference ("Throttling in Amazon Connect APIs") and its service quotas page
 * ("API throttling quotas") document a default of 2 requests per second with a burst of 5, per account and
 * Region, and CloudFormation's public handler for AWS::Connect::User (aws-cloudformation-resource-providers-connect,
 * 2023) retries only TooManyRequestsException while Connect's user operations answer ThrottlingException: a burst of
 * creations is likely to fail part way. Evidence: documented (the rate), library (the handler's retries, read).
 *
 * What CloudFormation does with a DependsOn-only change of an existing resource: nothing to the resource. It updates
 * resources "based on differences between what you submit and the stack's current template" in their properties
 * (user guide, "Update behaviors of stack resources"); a change set names no DependsOn scope (Properties, Metadata,
 * CreationPolicy, UpdatePolicy, DeletionPolicy, UpdateReplacePolicy, Tags); and an UpdateStack whose only change is
 * DependsOn performs no resource update (observed: aws/aws-cdk#21496, 2022). Evidence: documented and observed.
 */
import { CfnResource } from 'aws-cdk-lib';

/**
 * At most this many user creations at once unless told: the burst Amazon Connect documents (5 requests),
 * so that the first CreateUser calls of every lane fit the bucket together. Evidence: documented.
 */
export const DEFAULT_MAX_CONCURRENT_CREATIONS = 5;

/** A resource to pace, with the key its lane is chosen by (its logical id). */
export interface Paced {
  readonly key: string;
  readonly resource: CfnResource;
  /**
   * The resource's logical id as text, when it is fixed (a roster agent's): a resource after it in its lane then
   * gets its `DependsOn` as text (see {@link WrittenDependsOn}) rather than a dependency whose logical id CDK
   * resolves as a token at synth, which a roster of thousands feels.
   */
  readonly logicalId?: string;
}

/**
 * Where a `DependsOn` written as text goes: the resource and the logical id it waits for. The text replaces what
 * CDK renders for `DependsOn`, so the holder (a roster shard) adds, when it renders, the dependencies anyone added
 * to the resource with `addDependency()` since (see {@link keepAddedDependencies}).
 */
export type WrittenDependsOn = Map<CfnResource, string>;

/** Puts back the dependencies added with `addDependency()` beside a `DependsOn` written as text. */
export function keepAddedDependencies(written: WrittenDependsOn): void {
  written.forEach((logicalId, resource) => {
    const added = resource.obtainResourceDependencies();
    if (added.length > 0) resource.addOverride('DependsOn', [logicalId, ...added.map(d => d.logicalId)]);
  });
}

const byKey = (a: Paced, b: Paced) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Chains `items` into `lanes` lanes: sorted by key, the i-th goes to lane i mod `lanes` and depends on the one
 * before it in its lane, so at most `lanes` are created at once. The order does not depend on the order the items
 * were declared in (rows of a roster), only on the keys. Returns the last item of each lane.
 */
export function paceLanes(items: readonly Paced[], lanes: number, written?: WrittenDependsOn): CfnResource[] {
  const sorted = [...items].sort(byKey);
  for (let i = lanes; i < sorted.length; i++) {
    const { resource } = sorted[i];
    const before = sorted[i - lanes];
    if (written !== undefined && before.logicalId !== undefined) {
      resource.addOverride('DependsOn', [before.logicalId]);
      written.set(resource, before.logicalId);
    } else {
      resource.addDependency(before.resource);
    }
  }
  return sorted.slice(Math.max(0, sorted.length - lanes)).map(p => p.resource);
}

/** A nested stack holding users to create: its resource in the parent, and its users. */
export interface PacedShard {
  readonly resource: CfnResource;
  readonly users: readonly Paced[];
  /** Where the shard keeps the `DependsOn` written as text, to complete when it renders. */
  readonly written?: WrittenDependsOn;
}

/**
 * Paces the users of several nested stacks of one parent to at most `max` in flight in all: `c = min(max, shards)`
 * chains of nested stacks (the i-th shard depends on the (i - c)-th), each shard with `floor(max / c)` lanes.
 * `shards` are in a stable order (shard number). Returns the last nested stack of each chain.
 */
export function paceShards(shards: readonly PacedShard[], max: number): CfnResource[] {
  if (shards.length === 0) return [];
  const chains = Math.min(max, shards.length);
  const lanes = Math.max(1, Math.floor(max / chains));
  shards.forEach((s, i) => {
    paceLanes(s.users, lanes, s.written);
    if (i >= chains) s.resource.addDependency(shards[i - chains].resource);
  });
  return shards.slice(shards.length - chains).map(s => s.resource);
}
