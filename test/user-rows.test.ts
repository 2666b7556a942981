/**
 * src/private/user/rows.ts: an agent's options read once, row by row, for the type checks, the string settings'
 * check, the renderer and the newer-than-floor overrides.
 */
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../src/private/user/fields';
import { get, set } from '../src/private/user/paths';
import { PARENTS, readRows } from '../src/private/user/rows';

/** Options with a value of its own at every row's props path. */
function everyRowSet(): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  FIELDS.forEach((f, i) => set(options, f.prop, `value of row ${i}`));
  return options;
}

describe('readRows', () => {
  it("reads each row's value at the row's own props path", () => {
    const options = everyRowSet();
    const { values } = readRows(options);
    expect(values).toHaveLength(FIELDS.length);
    FIELDS.forEach((f, i) => {
      expect(values[i]).toBe(`value of row ${i}`);
      expect(values[i]).toBe(get(options, f.prop));
    });
  });

  it('lists every object the rows live in, parents before their members', () => {
    const inner = new Set(FIELDS.flatMap(f => f.prop.split('.').slice(0, -1).map((_, i, keys) => keys.slice(0, i + 1).join('.'))));
    expect(new Set(PARENTS)).toEqual(inner);
    PARENTS.forEach((parent, i) => {
      const above = parent.split('.').slice(0, -1).join('.');
      if (above !== '') expect(PARENTS.indexOf(above)).toBeLessThan(i);
    });
  });

  it('reads nothing under a parent that is missing or not an object, and nothing of options that are not an object', () => {
    const all = everyRowSet();
    const options = { ...all, phoneConfig: 'SOFT_PHONE', channelSettings: { ...(all.channelSettings as object), voice: ['not', 'an', 'object'] } };
    const { objects, values } = readRows(options);
    expect(objects[PARENTS.indexOf('phoneConfig') + 1]).toBeUndefined();
    expect(objects[PARENTS.indexOf('channelSettings.voice') + 1]).toBeUndefined();
    expect(objects[PARENTS.indexOf('channelSettings.voice.phone') + 1]).toBeUndefined();
    expect(objects[PARENTS.indexOf('channelSettings.chat') + 1]).toBe((options.channelSettings as Record<string, unknown>).chat);
    FIELDS.forEach((f, i) => {
      const under = /^(phoneConfig|channelSettings\.voice)\./.test(f.prop);
      expect(values[i]).toBe(under ? undefined : `value of row ${i}`);
    });
    for (const notAnObject of [undefined, null, 5, 'options', [1, 2]]) {
      expect(readRows(notAnObject).values.every(v => v === undefined)).toBe(true);
    }
  });
});
