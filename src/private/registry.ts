import { IConstruct } from 'constructs';

/**
 * Usernames claimed per app: root construct -> instance key -> lower-case username -> construct.
 * One map lookup per user, no scan of the app; small keys, as rosters hold thousands.
 */
const claims = new WeakMap<IConstruct, Map<string, Map<string, IConstruct>>>();

/**
 * Claims `username` in `instance` for `scope`.
 *
 * Usernames that differ only in case count as the same: two agents whose
 * sign-in names differ only in case are a mistake in practice.
 *
 * @param root the app of `scope` (given by callers that claim many usernames, to spare the walk up)
 * @returns the path of the construct that already holds the username, or `undefined` when it was free.
 */
export function claimUsername(scope: IConstruct, instance: string, username: string, root: IConstruct = scope.node.root): string | undefined {
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
  const holder = users.get(key);
  if (holder !== undefined) {
    return holder.node.path;
  }
  users.set(key, scope);
  return undefined;
}
