/** Where a roster puts its agents: the shard of each username, and each agent's logical id. */

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
  return fnv1a(username.toLowerCase()) % shardCount;
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
