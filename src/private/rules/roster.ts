/** Rules of a roster: its rows, its CSV cells and its shards. See common.ts for the evidence levels. */
import { Duration, Token } from 'aws-cdk-lib';
import { describeCounts, MAX_DYNAMIC_REFERENCES_PER_TEMPLATE, MAX_RESOURCES_PER_TEMPLATE, overQuotas } from './quotas';

/** Evidence: library. A roster reads its agents from one source: `sources` is how many of users, csv and json are given. */
export function checkRosterSource(sources: number): string | undefined {
  return sources === 1 ? undefined : `${sources === 0 ? 'none' : sources} of users, csv and json given; expected exactly one`;
}

/**
 * The rows to keep: a row whose username an earlier row has exactly is reported in `errors`
 * (with both rows' labels) and left out. Usernames that differ only in case are kept: the
 * username rule warns of them.
 * Evidence: model (CreateUser declares DuplicateResourceException).
 */
export function checkDuplicateRows<T>(rows: readonly T[], username: (row: T) => string, label: (row: T) => string, errors: string[]): T[] {
  const seen = new Map<string, T>();
  return rows.filter(r => {
    const name = username(r);
    // A row without a username (a CSV row with an empty cell) has that problem reported already.
    if (name === undefined || Token.isUnresolved(name)) return true;
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push(`${label(r)}: username '${name}' duplicates ${label(first)}; expected a username unique in the instance`);
      return false;
    }
    seen.set(name, r);
    return true;
  });
}

/**
 * A name's entry in one of the roster's maps, or an error in `errors` when the map does not have it.
 * Evidence: library. Only the map's own keys count: a row naming 'constructor' must not find Object's.
 */
export function resolveName<T>(map: { [name: string]: T } | undefined, name: string, what: string, errors: string[]): T | undefined {
  const found = map !== undefined && Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;
  if (found === undefined) {
    errors.push(`${what} '${name}' is not in ${what}s (known: ${Object.keys(map ?? {}).join(', ') || 'none'})`);
  }
  return found;
}

export { MAX_RESOURCES_PER_TEMPLATE };

/** What a shard's template would hold, against CloudFormation's quotas per template (quotas.ts). */
export interface ShardLoad {
  readonly resources: number;
  readonly dynamicReferences: number;
}

/**
 * Whether a shard fits the quotas the roster can count before synth: resources (observed) and dynamic references
 * (documented). The library's own layout obeys a documented quota too (outputs and size are checked at synth).
 */
export function fitsQuotas(load: ShardLoad): boolean {
  return load.resources <= MAX_RESOURCES_PER_TEMPLATE && load.dynamicReferences <= MAX_DYNAMIC_REFERENCES_PER_TEMPLATE;
}

/**
 * The shard count to suggest for a roster of `resources` resources and `dynamicReferences` dynamic
 * references: an average shard 60 % full on each quota, which leaves room for the hash's unevenness
 * and for about half as many agents again before any shard reaches a quota.
 */
export function suggestedShardCount(resources: number, dynamicReferences = 0): number {
  return Math.max(1, Math.ceil(resources / (MAX_RESOURCES_PER_TEMPLATE * 0.6)),
    Math.ceil(dynamicReferences / (MAX_DYNAMIC_REFERENCES_PER_TEMPLATE * 0.6)));
}

/**
 * The message when a shard would be over a quota per template, or `undefined`. `load` is each shard's
 * count; each agent brings its user and, with a generated password, its secret and a dynamic reference.
 * With `evidence: 'observed'` only a shard over the resource quota counts (the roster's error); with
 * 'documented', only one over the dynamic-reference quota and not the resource one (its warning).
 */
export function checkShardLoads(load: ReadonlyMap<number, ShardLoad>, shardCount: number, agents: number, evidence: 'observed' | 'documented' = 'observed'): string | undefined {
  const over = [...load.entries()]
    .filter(([, n]) => evidence === 'observed' ? n.resources > MAX_RESOURCES_PER_TEMPLATE : fitsResources(n) && !fitsQuotas(n))
    .sort((a, b) => b[1].resources - a[1].resources || b[1].dynamicReferences - a[1].dynamicReferences);
  if (over.length === 0) return undefined;
  let resources = 0;
  let dynamicReferences = 0;
  for (const n of load.values()) {
    resources += n.resources;
    dynamicReferences += n.dynamicReferences;
  }
  const suggested = suggestedShardCount(resources, dynamicReferences);
  const [shard, worst] = over[0];
  return `${over.length} shard${over.length === 1 ? '' : 's'} would be over CloudFormation's quotas per template `
    + `(shard ${shard}: ${overQuotas(worst).join(', ')}; it holds ${describeCounts(worst)}); the roster has ${resources} resources and `
    + `${dynamicReferences} dynamic references (${agents} agents; a generated password adds a secret and a dynamic reference) `
    + `in ${shardCount} shards. Expected shardCount: ${suggested} or more, which leaves room to grow; then keep it fixed: `
    + 'changing it moves agents between nested stacks (see "Resharding" in the README)';
}

const fitsResources = (n: ShardLoad) => n.resources <= MAX_RESOURCES_PER_TEMPLATE;

/** The fullest shard over a quota, as `shard 19: 111 dynamic references (quota 60)`, or `undefined` when all fit. */
export function fullestShard(load: ReadonlyMap<number, ShardLoad>): string | undefined {
  const over = [...load.entries()].filter(([, n]) => !fitsQuotas(n))
    .sort((a, b) => b[1].dynamicReferences - a[1].dynamicReferences || b[1].resources - a[1].resources);
  return over.length === 0 ? undefined : `${over.length} over a quota; shard ${over[0][0]}: ${overQuotas(over[0][1]).join(', ')}`;
}

/**
 * Evidence: library. The warning of a roster without `shardCount` whose agents the default count cannot hold within
 * the quotas: the count it uses instead, and why to set it.
 */
export function autoShardCountWarning(defaultCount: number, chosen: number, atDefault: string): string {
  return `the roster does not fit CloudFormation's quotas per template in the default ${defaultCount} shards (${atDefault}), `
    + `so it uses ${chosen} shards. Set shardCount: ${chosen} to keep this layout: without it, the count changes again when the `
    + 'roster outgrows it, and a changed count moves agents between nested stacks (see "Resharding" in the README). '
    + `A roster deployed earlier with ${defaultCount} shards moves agents now: check with cdk-connect-user plan`;
}

/** Evidence: library. At most this many AWS::Connect::User creations at once, a whole number of at least 1. */
export function checkMaxConcurrentCreations(n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 ? undefined : `maxConcurrentCreations ${n} is not a whole number of at least 1`;
}

/** Evidence: library. The shard count is a whole number of nested stacks. */
export function checkShardCount(shardCount: number): string | undefined {
  return Number.isInteger(shardCount) && shardCount >= 1 ? undefined : `shardCount ${shardCount} is not a whole number of at least 1`;
}

/** What is wrong with a CSV cell's quotes (the roster's CSV reader, src/private/roster/csv-text.ts, finds them). */
export type CsvQuoteProblem =
  /** A quoted cell whose closing quote never comes. */
  | 'unclosedQuote'
  /** A quote inside a cell that does not start with one. */
  | 'strayQuote'
  /** Text after a quoted cell's closing quote, before the comma or line end. */
  | 'textAfterQuote';

/**
 * What is wrong with a cell's quotes, in the user's words. Evidence: library (RFC 4180 quoting). The
 * words never repeat the input: the cell may be a password.
 */
export function csvQuoteProblem(problem: CsvQuoteProblem): string {
  switch (problem) {
    case 'unclosedQuote':
      return 'the quote that opens this cell is never closed; expected a closing quote (") at the end of the cell, and every quote inside it doubled ("")';
    case 'strayQuote':
      return 'a quote (") inside a cell that does not start with one; expected the whole cell in quotes, with every quote inside it doubled ("")';
    case 'textAfterQuote':
      return 'a quote (") inside this quoted cell is followed by more text; expected a comma or a line end after the closing quote, and every quote inside the cell doubled ("")';
  }
}

/**
 * Evidence: library. A single-valued field (user login, phone type, …) read from two columns would
 * keep one cell and drop the other: the header is refused, naming every such column. `headers` are
 * the header cells that map to the field, `positions` their columns (1-based).
 */
export function checkOneColumn(fieldName: string, headers: readonly string[], positions: readonly number[], errors: string[]): void {
  if (headers.length < 2) return;
  const named = headers.map((h, i) => `'${h}' (column ${positions[i]})`);
  const list = `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  errors.push(`header: columns ${list} are ${named.length === 2 ? 'both' : 'all'} the ${fieldName}; expected one column per field`);
}

/**
 * Evidence: library. A row with fewer or more cells than the header has lost or gained a comma: every cell after
 * it would be read as another column's, and a short row's last settings (its ACW, its hierarchy) would be dropped
 * without a word. `found` is the row's cells, `expected` the header's columns.
 */
export function checkCellCount(found: number, expected: number, errors: string[]): void {
  if (found === expected) return;
  errors.push(`the row has ${found} cells but the header has ${expected} columns; expected ${expected} cells `
    + '(a comma missing or too many moves every cell after it to another column)');
}

// The cells of Amazon Connect's bulk user upload template (evidence: library, the template's own values).
// Each returns the value, or pushes an error naming the cell.

export function phoneTypeCell(cell: string | undefined, errors: string[]): 'SOFT_PHONE' | 'DESK_PHONE' | undefined {
  if (cell === undefined) return undefined;
  const t = cell.toLowerCase();
  if (t === 'soft' || t === 'soft_phone') return 'SOFT_PHONE';
  if (t === 'desk' || t === 'desk_phone') return 'DESK_PHONE';
  errors.push(`phone type '${cell}' is not soft or desk`);
  return undefined;
}

export function yesNoCell(cell: string | undefined, name: string, errors: string[]): boolean | undefined {
  if (cell === undefined) return undefined;
  const a = cell.toLowerCase();
  if (a === 'yes' || a === 'true') return true;
  if (a === 'no' || a === 'false') return false;
  errors.push(`${name} '${cell}' is not yes or no`);
  return undefined;
}

export function secondsCell(cell: string | undefined, name: string, errors: string[]): Duration | undefined {
  if (cell === undefined) return undefined;
  if (/^\d+$/.test(cell)) return Duration.seconds(Number(cell));
  errors.push(`${name} '${cell}' is not a whole number of seconds`);
  return undefined;
}

/**
 * The roster's `proficiencies` cell: `Attribute:Value:Level` entries separated by `|`. The name ends at
 * the first `:` and the level starts after the last, so a value may hold `:`. Evidence: library (the
 * cell's format); the values are judged by the proficiency rules.
 */
export function proficienciesCell(cell: string | undefined, errors: string[]): Array<{ name: string; value: string; level: number }> | undefined {
  if (cell === undefined) return undefined;
  const found: Array<{ name: string; value: string; level: number }> = [];
  for (const raw of cell.split('|')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const first = entry.indexOf(':');
    const last = entry.lastIndexOf(':');
    const level = entry.slice(last + 1).trim();
    if (first < 0 || first === last || level === '' || !Number.isFinite(Number(level))) {
      errors.push(`proficiencies entry '${entry}' is not Attribute:Value:Level with a number for the level (such as Language:English:5)`);
      continue;
    }
    found.push({ name: entry.slice(0, first).trim(), value: entry.slice(first + 1, last).trim(), level: Number(level) });
  }
  return found;
}

/**
 * The roster's `tags` cell: `key=value` entries separated by `|`; the key ends at the first `=`.
 * Evidence: library (the cell's format; a map holds one value per key).
 */
export function tagsCell(cell: string | undefined, errors: string[]): { [key: string]: string } | undefined {
  if (cell === undefined) return undefined;
  const tags: { [key: string]: string } = {};
  for (const raw of cell.split('|')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      errors.push(`tags entry '${entry}' is not key=value`);
      continue;
    }
    const key = entry.slice(0, eq).trim();
    if (Object.prototype.hasOwnProperty.call(tags, key)) {
      errors.push(`tags entry '${entry}' repeats the key '${key}'; expected each key once`);
      continue;
    }
    tags[key] = entry.slice(eq + 1).trim();
  }
  return tags;
}

/** Evidence: library. A plaintext password cell would land in the template: only on request. */
export function checkPasswordCell(cell: string | undefined, allowPlaintextPasswords: boolean, errors: string[]): void {
  if (cell !== undefined && !allowPlaintextPasswords) {
    errors.push("password: the cell holds a plaintext password (value not shown); expected an empty password cell (and the roster's passwords: UserPassword.generate()), or allowPlaintextPasswords");
  }
}

/** Evidence: schema. Username and RoutingProfileArn are required properties. */
export function checkRequiredCells(cells: { username?: string; routingProfile?: string }, errors: string[]): void {
  if (cells.username === undefined) errors.push('user login is empty');
  if (cells.routingProfile === undefined) errors.push('routing profile name is empty');
}
