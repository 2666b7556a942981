/**
 * The input constraints of Amazon Connect's CreateUser (and of the proficiencies
 * of AssociateUserProficiencies) from the API model that ships with botocore,
 * an oracle nobody here wrote. Read as the Smithy spec says: lengths in Unicode
 * code points, patterns as unanchored ECMA-262 regular expressions.
 */
import { spawnSync } from 'child_process';

/** One member's constraints, by its path (`CreateUser.IdentityInfo.FirstName`, `...Tags{k}`). */
export interface ModelConstraint {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: string[];
  readonly required?: boolean;
}

const DUMP = `
import json, botocore.session as s
m = s.get_session().get_service_model('connect')
out = {}
def walk(shape, path, required=False, depth=0):
    if depth > 6: return
    meta = shape.metadata
    out[path] = {k: v for k, v in {'type': shape.type_name, 'min': meta.get('min'), 'max': meta.get('max'),
        'pattern': meta.get('pattern'), 'enum': shape.enum if shape.type_name == 'string' else None,
        'required': required}.items() if v not in (None, [])}
    if shape.type_name == 'structure':
        for n, sh in shape.members.items():
            walk(sh, path + '.' + n, n in shape.required_members, depth + 1)
    elif shape.type_name == 'list':
        walk(shape.member, path + '[]', False, depth + 1)
    elif shape.type_name == 'map':
        walk(shape.key, path + '{k}', False, depth + 1)
        walk(shape.value, path + '{v}', False, depth + 1)
walk(m.operation_model('CreateUser').input_shape, 'CreateUser')
walk(m.operation_model('AssociateUserProficiencies').input_shape, 'AssociateUserProficiencies')
print(json.dumps(out))
`;

/**
 * The constraints, or the reason they could not be read. Under CI a missing
 * botocore is an error for the caller to raise.
 */
export function readConnectModel(): { constraints?: Record<string, ModelConstraint>; why?: string } {
  const res = spawnSync('python3', ['-c', DUMP], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.error || res.status !== 0) {
    return { why: `python3 with botocore could not read the Amazon Connect model: ${res.error?.message ?? res.stderr}` };
  }
  return { constraints: JSON.parse(res.stdout) };
}

/**
 * A model pattern as a RegExp, unanchored (Smithy patterns are ECMA-262 and
 * match anywhere unless anchored). Two quirks of the shipped model are undone,
 * each of which would make the model reject every value (so that nothing could
 * count as "accepted by the model" and the test would prove nothing):
 * - Password is wrapped in JavaScript's `/.../` delimiters;
 * - PhoneNumber (Mobile) has its backslashes doubled (`\\\\+[1-9]\\\\d{1,14}$`).
 */
export function modelPattern(pattern: string): RegExp {
  let p = pattern;
  if (p.length > 2 && p.startsWith('/') && p.endsWith('/')) p = p.slice(1, -1);
  p = p.replace(/\\\\([+d])/g, '\\$1');
  return new RegExp(p, 'u');
}

/** The length of a string as Smithy counts it (Unicode scalar values). */
export function scalarLength(s: string): number {
  return [...s].length;
}

/** Whether the model accepts a string value of a member. */
export function modelAcceptsString(c: ModelConstraint, value: string): boolean {
  const n = scalarLength(value);
  if (c.min !== undefined && n < c.min) return false;
  if (c.max !== undefined && n > c.max) return false;
  if (c.pattern !== undefined && !modelPattern(c.pattern).test(value)) return false;
  if (c.enum !== undefined && !c.enum.includes(value)) return false;
  return true;
}

/** Whether the model accepts a number (integer, float) or a collection's size. */
export function modelAcceptsNumber(c: ModelConstraint, value: number): boolean {
  if (c.type === 'integer' && !Number.isInteger(value)) return false;
  if (c.min !== undefined && value < c.min) return false;
  if (c.max !== undefined && value > c.max) return false;
  return true;
}
