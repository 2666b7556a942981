/**
 * An agent's options read once, row by row: the type checks, the string settings' check, the renderer and the
 * overrides of settings newer than the floor all take a row's value from here, so that a user's props are walked
 * once, not once by each of them (a roster reads thousands).
 */
import { FIELDS, Field } from './fields';
import { segments } from './paths';

/** The objects the rows' props paths pass through (`phoneConfig`, `channelSettings.voice`, …), parents first. */
export const PARENTS: readonly string[] = [...new Set(FIELDS.flatMap(f => {
  const segs = segments(f.prop).map(s => s.key);
  return segs.slice(1).map((_, i) => segs.slice(0, i + 1).join('.'));
}))].sort((a, b) => a.split('.').length - b.split('.').length);

/** Each parent with the index of the object it is read from (0: the options; parent i is object i + 1) and its key. */
export const PARENT_STEPS: ReadonlyArray<{ readonly parent: string; readonly above: number; readonly key: string }> = PARENTS.map(parent => {
  const keys = parent.split('.');
  return { parent, above: PARENTS.indexOf(keys.slice(0, -1).join('.')) + 1, key: keys[keys.length - 1] };
});

/** Each row (by its index in FIELDS) with the index of the object it is read from and its key there. */
export const ROW_STEPS: ReadonlyArray<{ readonly f: Field; readonly parent: number; readonly key: string }> = FIELDS.map(f => {
  const keys = f.prop.split('.');
  return { f, parent: PARENTS.indexOf(keys.slice(0, -1).join('.')) + 1, key: keys[keys.length - 1] };
});

/** An agent's options, read. */
export interface ReadRows {
  /**
   * The options (index 0) and each parent (index i + 1 for PARENTS[i]), or `undefined` where it is missing or
   * is not an object (its rows are then not read).
   */
  readonly objects: ReadonlyArray<Record<string, unknown> | undefined>;
  /** Each row's value, by its index in FIELDS; `undefined` where it is missing or an object above it is missing or is not an object. */
  readonly values: readonly unknown[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads every row of `options` (anything a caller passed: a value that is not an object reads as nothing). */
export function readRows(options: unknown): ReadRows {
  // Arrays of their final length: each is one allocation, not a few as it grows.
  const objects = new Array<Record<string, unknown> | undefined>(PARENT_STEPS.length + 1);
  objects[0] = isObject(options) ? options : undefined;
  for (let i = 0; i < PARENT_STEPS.length; i++) {
    const step = PARENT_STEPS[i];
    const outer = objects[step.above];
    const v = outer === undefined ? undefined : outer[step.key];
    objects[i + 1] = isObject(v) ? v : undefined;
  }
  const values = new Array<unknown>(ROW_STEPS.length);
  for (let i = 0; i < ROW_STEPS.length; i++) {
    const step = ROW_STEPS[i];
    const outer = objects[step.parent];
    values[i] = outer === undefined ? undefined : outer[step.key];
  }
  return { objects, values };
}
