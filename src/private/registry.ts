import { IConstruct } from 'constructs';

/** Who holds a username. */
export interface UsernameHolder {
  readonly username: string;
  readonly path: string;
}

interface Claim {
  readonly username: string;
  readonly scope: IConstruct;
  /** The id of the holder under `scope`, when the holder is not made yet. */
  readonly id?: string;
}

const pathOf = (c: Claim) => c.id === undefined ? c.scope.node.path : `${c.scope.node.path}/${c.id}`;

/**
 * Usernames claimed per app: root construct -> instance key -> lower-case username -> claims.
 * One map lookup per user, no scan of the app; small keys, as rosters hold thousands.
 */
const claims = new WeakMap<IConstruct, Map<string, Map<string, Claim[]>>>();

/**
 * Claims `username` in `instance` for `scope` (or for its child `id`, made once the claim succeeds).
 *
 * @param root the app of `scope` (given by callers that claim many usernames, to spare the walk up)
 * @returns who already holds the username: exactly, or else without regard to case;
 * `undefined` when nobody does.
 */
export function claimUsername(
  scope: IConstruct, instance: string, username: string, root: IConstruct = scope.node.root, id?: string,
): UsernameHolder | undefined {
  let instances = claims.get(root);
  if (!instances) {
    instances = new Map();
    claims.set(root, instances);
  }
  let users = instances.get(instance);
  if (!users) {
    users = new Map();
    instances.set(instance, users);
  }
  const key = username.toLowerCase();
  const held = users.get(key);
  if (held === undefined) {
    users.set(key, [{ username, scope, id }]);
    return undefined;
  }
  const holder = held.find(c => c.username === username) ?? held[0];
  if (holder.username !== username) held.push({ username, scope, id });
  return { username: holder.username, path: pathOf(holder) };
}
