import { IConstruct } from 'constructs';

/**
 * Usernames claimed per app: root construct -> "instance key / lower-case username" -> construct path.
 * One map lookup per user, no scan of the app.
 */
const claims = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Claims `username` in `instance` for the construct at `scope`.
 *
 * Usernames that differ only in case count as the same: two agents whose
 * sign-in names differ only in case are a mistake in practice.
 *
 * @returns the path of the construct that already holds the username, or `undefined` when it was free.
 */
export function claimUsername(scope: IConstruct, instance: string, username: string): string | undefined {
  const root = scope.node.root;
  let map = claims.get(root);
  if (!map) {
    map = new Map();
    claims.set(root, map);
  }
  const key = `${instance}\u0000${username.toLowerCase()}`;
  const holder = map.get(key);
  if (holder !== undefined) {
    return holder;
  }
  map.set(key, scope.node.path);
  return undefined;
}
