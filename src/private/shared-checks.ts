import { Found, Problems } from './problems';

interface Entry {
  readonly found: Found;
  readonly value: unknown;
}

/**
 * Remembers what a check found for its inputs, so that the checks whose inputs
 * many users share (a roster's instance in each shard, its profiles and group,
 * its tags) run once per distinct input instead of once per user. A user whose inputs
 * were checked before gets the very same problems, added to its own list.
 *
 * Keys are the check's name followed by every input it reads; inputs are
 * compared as a `Map` compares keys (strings by value, objects by identity).
 */
export class SharedChecks {
  private readonly root = new Map<unknown, unknown>();

  /**
   * Runs `check` for these inputs, or replays what it found the first time.
   *
   * @returns what `check` returned for these inputs
   */
  public run<T>(problems: Problems, key: readonly unknown[], check: (p: Problems) => T): T {
    let level = this.root;
    for (let i = 0; i < key.length - 1; i++) {
      let next = level.get(key[i]) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(key[i], next);
      }
      level = next;
    }
    const last = key[key.length - 1];
    let entry = level.get(last) as Entry | undefined;
    if (entry === undefined) {
      const own = new Problems();
      entry = { value: check(own), found: own.all };
      level.set(last, entry);
    }
    problems.addFound(entry.found);
    return entry.value as T;
  }
}

/** Runs `check` through `shared` when given, or directly. */
export function sharedCheck<T>(shared: SharedChecks | undefined, problems: Problems, key: readonly unknown[], check: (p: Problems) => T): T {
  return shared ? shared.run(problems, key, check) : check(problems);
}
