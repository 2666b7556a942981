/**
 * What a change of one user's properties does on the next deploy, read from the
 * field table: each setting's verdict (src/private/user/fields.ts, `change`), the
 * facts about whole properties (`PROPERTY_FACTS`: which lists are sets, what adding
 * or removing a whole property does), and the evidence of each
 * (src/private/user/evidence.ts).
 *
 * Only the resource's `Properties` are compared. `DependsOn`, `DeletionPolicy`,
 * `UpdateReplacePolicy` and `Metadata` change nothing on the user: the update
 * handler is given the properties and tags only (evidence `handler.request`),
 * DependsOn orders operations (`documented.dependsOn`), the two policies apply
 * when the user is deleted or replaced (`documented.deletionPolicy`,
 * `documented.updateReplacePolicy`), and no property is create-only, so it is
 * never replaced (`schema.noCreateOnly`).
 */
import type { EvidenceId } from '../private/user/evidence';
import { FIELDS, Field, has, Outcome, PROPERTY_FACTS } from '../private/user/fields';
import { get, segments } from '../private/user/paths';

/** How bad one finding is, worst first; `note` says something without changing the user's fate. */
export type Verdict = 'fails' | 'moves' | 'import-first' | 'may-fail' | 'skipped' | 'updates' | 'removed' | 'note';

/** One thing plan found about a user: what happens, why, and the evidence. */
export interface Finding {
  readonly verdict: Verdict;
  /** The top-level CloudFormation property it is about, if one. */
  readonly property?: string;
  /** What changes, what happens, and what to do instead. */
  readonly text: string;
  readonly evidence: readonly EvidenceId[];
}

/** What plan knows beyond the templates. */
export interface CompareOptions {
  /**
   * The identity management type of the instances the users are in
   * (`--identity-management-type`), or `undefined` when plan is not told.
   */
  readonly identityType?: string;
}

/** The rows that have a place in the template, by their top-level CloudFormation property. */
const BY_PROPERTY = new Map<string, Field[]>();
for (const f of FIELDS) {
  if (!has(f.cfn)) continue;
  const top = segments(f.cfn)[0].key;
  BY_PROPERTY.set(top, [...(BY_PROPERTY.get(top) ?? []), f]);
}

/** A property's value as compared: a set-like list (`PROPERTY_FACTS[prop].unordered`) in a fixed order. */
export function normalized(prop: string, value: unknown): unknown {
  if (PROPERTY_FACTS[prop]?.unordered === undefined || !Array.isArray(value)) return value;
  return value.map(v => [canonical(v), v] as const).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
}

/** What changing one user's properties from `a` to `b` does: one or more findings per changed property. */
export function compareProperties(a: Record<string, unknown>, b: Record<string, unknown>, options: CompareOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const prop of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const before = normalized(prop, a[prop]);
    const after = normalized(prop, b[prop]);
    if (canonical(before) !== canonical(after)) findings.push(...propertyFindings(prop, before, after, options));
  }
  return findings;
}

function propertyFindings(prop: string, a: unknown, b: unknown, options: CompareOptions): Finding[] {
  const rows = BY_PROPERTY.get(prop) ?? [];
  const facts = PROPERTY_FACTS[prop];
  if (b === undefined) {
    if (rows.some(f => f.required && f.cfn === prop)) {
      return [{
        verdict: 'fails',
        property: prop,
        text: `${prop} removed: the registry schema requires it, so CloudFormation refuses the template before any handler runs; `
          + 'this library\'s synth refuses such a user first, so the template was edited or overridden. Instead: put it back',
        evidence: ['schema.required', 'library.required'],
      }];
    }
    if (facts?.removed) return [outcome(prop, 'removed', facts.removed)];
  }
  if (a === undefined && facts?.added) return [outcome(prop, 'added', facts.added)];

  const whole = rows.find(f => f.cfn === prop);
  if (whole !== undefined && has(whole.change)) {
    const change = whole.change;
    if (change.verdict === 'fails') {
      if (b === '') {
        return [{ verdict: 'skipped', property: prop, text: `${prop} emptied: the handler checks a non-empty ${prop} only, so the live user keeps it`, evidence: ['handler.emptyIgnored'] }];
      }
      return [{
        verdict: 'fails',
        property: prop,
        text: `${prop} cannot be updated (the handler's message; from ${show(a, prop)} to ${show(b, prop)}). Instead: ${change.instead}`,
        evidence: change.evidence,
      }];
    }
    if (change.verdict === 'skipped-if-only-added' && isSuperset(b, a)) {
      return [{ verdict: 'skipped', property: prop, text: `${prop}: ${change.why}`, evidence: change.evidence }];
    }
    return [{ verdict: 'updates', property: prop, text: `${prop}: updates in place`, evidence: change.evidence }];
  }

  // A struct or the per-channel lists: the settings in it that changed.
  const changed = rows.filter(f => canonical(get({ [prop]: a }, f.cfn as string)) !== canonical(get({ [prop]: b }, f.cfn as string)));
  const alone = changed.length === 1 && has(changed[0].change) ? changed[0].change : undefined;
  // Anything else that differs (a field no row knows) counts as a change too.
  const rest = (x: unknown) => canonical(rows.reduce((o, f) => without(o, f.cfn as string), x));
  if (alone?.verdict === 'skipped-alone' && rest(a) === rest(b)) {
    return [{ verdict: 'skipped', property: prop, text: alone.why, evidence: alone.evidence }];
  }
  // Each changed setting's path inside the property: `FirstName`, `VOICE.AutoAccept` in a per-channel list.
  const names = changed.map(f => {
    const [first, ...inner] = segments(f.cfn as string);
    return [...(first.channel ? [first.channel] : []), ...inner.map(s => s.key)].join('.');
  });
  const evidence = [...new Set((changed.length > 0 ? changed : rows).flatMap(f => (has(f.change) ? f.change.evidence : [])))];
  const findings: Finding[] = [{
    verdict: 'updates',
    property: prop,
    text: `${prop}${names.length > 0 ? ` (${names.join(', ')})` : ''}: updates in place`,
    evidence,
  }];
  const fixed = facts?.notUpdatable;
  const hit = fixed ? fixed.fields.filter(field => canonical(get(a, field)) !== canonical(get(b, field))) : [];
  if (fixed && hit.length > 0 && options.identityType !== undefined && options.identityType === fixed.identityType) {
    findings.push({
      verdict: 'may-fail',
      property: prop,
      text: `${prop} (${hit.join(', ')}) changed on an ${fixed.identityType} instance: AWS documents that these cannot be updated from within `
        + 'Amazon Connect (the directory manages them), so the update may fail or not take. Instead: change them in the directory',
      evidence: [fixed.evidence],
    });
  } else if (fixed && hit.length > 0 && options.identityType === undefined) {
    findings.push({
      verdict: 'note',
      property: prop,
      text: `if the instance is ${fixed.identityType}, AWS documents that ${hit.join(', ')} cannot be updated from within Amazon Connect `
        + `(say --identity-management-type ${fixed.identityType} to have plan warn)`,
      evidence: [fixed.evidence],
    });
  }
  return findings;
}

/** A finding from a property fact. */
function outcome(prop: string, what: 'added' | 'removed', o: Outcome): Finding {
  const verdict: Verdict = o.verdict === 'ignored' ? 'skipped' : o.verdict;
  const text = o.verdict === 'ignored' ? `${prop} ${what}: ${o.why}, so the live user keeps it` : `${prop} ${what}: ${o.why}`;
  return { verdict, property: prop, text: o.instead ? `${text}. Instead: ${o.instead}` : text, evidence: o.evidence };
}

/** A copy of a struct without the field at `path` (its second segment). */
function without(value: unknown, path: string): unknown {
  const segs = segments(path);
  if (segs.length !== 2 || segs[0].channel !== undefined || value === null || typeof value !== 'object') return value;
  const copy = { ...(value as Record<string, unknown>) };
  delete copy[segs[1].key];
  return copy;
}

/** A value as a message shows it; a password never. */
function show(value: unknown, prop: string): string {
  if (prop === 'Password') {
    return typeof value === 'string' && value.startsWith('{{resolve:') ? `'${value}'` : '(value not shown)';
  }
  return value === undefined ? 'unset' : canonical(value);
}

/** JSON with sorted keys, so that equal values compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) => v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]]))
    : v) ?? 'undefined';
}

function isSuperset(now: unknown, old: unknown): boolean {
  if (!Array.isArray(now) || !Array.isArray(old)) return false;
  const have = new Set(now.map(canonical));
  return old.every(x => have.has(canonical(x)));
}
