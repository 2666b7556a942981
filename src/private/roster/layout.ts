/** Where a roster puts its agents: the shard of each username, and each agent's logical id. */
import { fitsQuotas, ShardLoad, suggestedShardCount } from '../rules/roster';

/**
 * The logical id of a roster agent: `User`, the username's letters and digits,
 * and 8 hex digits of an FNV-1a hash of the exact username (so `a.b` and `ab` differ).
 * It depends on the username alone: not on the row, the construct path or the
 * roster's id. Set once, it also spares CDK from deriving a hashed id from the
 * construct path every time the template is resolved.
 */
export function rosterLogicalId(username: string): string {
  const digest = fnv1a(username).toString(16).toUpperCase().padStart(8, '0');
  return `User${username.replace(/[^A-Za-z0-9]/g, '')}${digest}`;
}

/** The shard of a username: FNV-1a (32-bit) of its lower-case form, modulo the shard count. */
export function shardOf(username: string, shardCount: number): number {
  return usernameHash(username) % shardCount;
}

/** FNV-1a (32-bit) of a username's lower-case form: its shard is this modulo the shard count. */
export function usernameHash(username: string): number {
  return fnv1a(username.toLowerCase());
}

/** What one agent adds to its shard's template. */
export interface AgentLoad {
  /** {@link usernameHash} of its username. */
  readonly hash: number;
  /** Its user, and its generated password's secret. */
  readonly resources: number;
  /** Its password's `{{resolve:...}}`, generated or from a secret. */
  readonly dynamicReferences: number;
}

/** The resources a shard holds beside its agents: the cdk CLI's version-reporting `AWS::CDK::Metadata`. */
export const SHARD_OVERHEAD_RESOURCES = 1;

/** What each shard would hold with `shardCount` shards, by shard number (shards without agents left out). */
export function shardLoads(agents: readonly AgentLoad[], shardCount: number): Map<number, ShardLoad> {
  const loads = new Map<number, { resources: number; dynamicReferences: number }>();
  for (const a of agents) {
    const shard = a.hash % shardCount;
    let load = loads.get(shard);
    if (load === undefined) loads.set(shard, load = { resources: SHARD_OVERHEAD_RESOURCES, dynamicReferences: 0 });
    load.resources += a.resources;
    load.dynamicReferences += a.dynamicReferences;
  }
  return loads;
}

/**
 * The shard count of a roster without `shardCount`: `defaultCount` when every shard fits CloudFormation's quotas
 * there, as before quotas were counted, so that no agent of a roster deployable today moves. Otherwise the smallest
 * count from the suggestion up whose every shard fits (at most 1,000 counts are tried, each one pass over the agents).
 * `undefined` when none fits (an agent alone over a quota).
 */
export function chooseShardCount(agents: readonly AgentLoad[], defaultCount: number): number | undefined {
  if (allFit(shardLoads(agents, defaultCount))) return defaultCount;
  const resources = agents.reduce((n, a) => n + a.resources, 0);
  const dynamicReferences = agents.reduce((n, a) => n + a.dynamicReferences, 0);
  const start = Math.max(defaultCount + 1, suggestedShardCount(resources, dynamicReferences));
  for (let n = start; n < start + 1000; n++) {
    if (allFit(shardLoads(agents, n))) return n;
  }
  return undefined;
}

function allFit(loads: ReadonlyMap<number, ShardLoad>): boolean {
  for (const load of loads.values()) if (!fitsQuotas(load)) return false;
  return true;
}

/**
 * FNV-1a, 32 bits, of a string's UTF-16 code units. Plain arithmetic: a crypto
 * hash per agent costs a native object each, which thousands of agents feel.
 */
function fnv1a(s: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    /* eslint-disable no-bitwise -- a hash function is bit arithmetic */
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
    /* eslint-enable no-bitwise */
  }
  return hash;
}
