/**
 * Dotted paths into the shapes of one agent: the props (`identityInfo.firstName`),
 * the CloudFormation properties (`IdentityInfo.FirstName`), DescribeUser's `User`
 * and the roster document. A segment `List[CHANNEL]` is the entry of a
 * per-channel list whose `Channel` is CHANNEL (`AutoAcceptConfigs[VOICE].AutoAccept`).
 */

/** One segment of a path: a member, or a per-channel list's entry. */
export interface Segment {
  readonly key: string;
  /** The `Channel` of the list entry, for `List[CHANNEL]`. */
  readonly channel?: string;
}

const cache = new Map<string, readonly Segment[]>();

/** A path's segments (parsed once per path: the table's paths are read for every agent). */
export function segments(path: string): readonly Segment[] {
  let found = cache.get(path);
  if (found === undefined) {
    found = path.split('.').map(s => {
      const m = /^(.+)\[([A-Z_]+)\]$/.exec(s);
      return m ? { key: m[1], channel: m[2] } : { key: s };
    });
    cache.set(path, found);
  }
  return found;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';

/**
 * What stands at `path` in `value`. Stops (returning what it stopped at, and
 * where) at a value `stop` says is opaque, such as an intrinsic function in a template.
 */
export function walk(value: unknown, path: string, stop?: (v: unknown) => boolean): { value: unknown; stoppedAt?: string } {
  let v = value;
  const done: string[] = [];
  for (const s of segments(path)) {
    if (stop?.(v)) return { value: v, stoppedAt: done.join('.') };
    if (!isRecord(v)) return { value: undefined };
    v = v[s.key];
    if (s.channel !== undefined) {
      if (stop?.(v)) return { value: v, stoppedAt: [...done, s.key].join('.') };
      v = Array.isArray(v) ? v.find(e => isRecord(e) && e.Channel === s.channel) : undefined;
    }
    done.push(show(s));
  }
  return stop?.(v) ? { value: v, stoppedAt: path } : { value: v };
}

/** What stands at `path` in `value` (`undefined` where any step is missing): {@link walk} without a stop. */
export function get(value: unknown, path: string): unknown {
  return getAt(value, segments(path));
}

/** {@link get} at a path already in segments. */
function getAt(value: unknown, segs: readonly Segment[]): unknown {
  let v = value;
  for (const s of segs) {
    if (!isRecord(v)) return undefined;
    v = v[s.key];
    if (s.channel !== undefined) v = Array.isArray(v) ? v.find(e => isRecord(e) && e.Channel === s.channel) : undefined;
  }
  return v;
}

/**
 * Sets `value` at `path` in `target`, making the objects (and per-channel list
 * entries, `{ Channel }` or `{ channel }` as `channelKey` says) on the way.
 * An `undefined` value sets nothing and makes nothing.
 */
export function set(target: Record<string, unknown>, path: string, value: unknown, channelKey = 'Channel'): void {
  setAt(target, segments(path), value, channelKey);
}

/** {@link set} at a path already in segments. */
export function setAt(target: Record<string, unknown>, segs: readonly Segment[], value: unknown, channelKey = 'Channel'): void {
  if (value === undefined) return;
  let o = target;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const last = i === segs.length - 1;
    if (s.channel !== undefined) {
      const list = (o[s.key] ??= []) as Array<Record<string, unknown>>;
      let entry = list.find(e => e[channelKey] === s.channel);
      if (entry === undefined) list.push(entry = { [channelKey]: s.channel });
      if (last) throw new Error(`path ${segs.map(show).join('.')} ends in a list entry`);
      o = entry;
    } else if (last) {
      o[s.key] = value;
    } else {
      o = (o[s.key] ??= {}) as Record<string, unknown>;
    }
  }
}

/** The path as written (`AutoAcceptConfigs[VOICE]`). */
function show(s: Segment): string {
  return s.channel === undefined ? s.key : `${s.key}[${s.channel}]`;
}

/** The path with its list entries generalised (`AutoAcceptConfigs[].AutoAccept`), as the registry schema nests them. */
export function schemaPath(path: string): string {
  return segments(path).map(s => (s.channel === undefined ? s.key : `${s.key}[]`)).join('.');
}

/** A CloudFormation path in the L1's props' words (`identityInfo.firstName`): each segment with a lower-case first letter. */
export function l1Path(cfnPath: string): string {
  return segments(cfnPath).map(s => `${s.key[0].toLowerCase()}${s.key.slice(1)}${s.channel === undefined ? '' : `[${s.channel}]`}`).join('.');
}
