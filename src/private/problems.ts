import * as path from 'path';
import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A synth warning found by a rule: a stable id (without the library prefix), and where it goes. */
export interface FoundWarning {
  /** The stable id, acknowledged as `cdk-connect-user:<id>`. */
  readonly id: string;
  /** `property: message`. */
  readonly text: string;
  /** The construct the warning belongs to, when it is not the user (one warning per instance reference). */
  readonly scope?: IConstruct;
}

/** What a check found: errors and warnings, as recorded by {@link Problems}. */
export interface Found {
  readonly errors: readonly string[];
  readonly warnings: readonly FoundWarning[];
}

/** The warnings already added to a construct other than a user's own (see `emitWarnings`). */
const emittedOn = new WeakMap<IConstruct, Set<string>>();

/** The prefix of every warning id of this library. */
export const WARNING_PREFIX = 'cdk-connect-user:';

/**
 * Collects every problem found on one construct so that it can be reported in
 * a single error (or a single synth-time validation message) instead of one
 * at a time. Errors are what AWS is shown to reject (schema, API model, an
 * observation); warnings are what only AWS's prose forbids.
 */
export class Problems {
  private readonly items: string[] = [];
  private readonly warningItems: FoundWarning[] = [];

  /** Records that `property` is wrong: `message` says what it is and what is expected. */
  public add(property: string, message: string): void {
    this.items.push(`${property}: ${message}`);
  }

  /**
   * Records a warning with a stable id (see the README's list of warnings):
   * `property` may be wrong, but AWS is not shown to reject it.
   *
   * @param scope where the warning goes, when not the user itself
   */
  public warn(id: string, property: string, message: string, scope?: IConstruct): void {
    this.warningItems.push({ id, text: `${property}: ${message}`, scope });
  }

  /** Records what was found earlier (see {@link SharedChecks}). */
  public addFound(found: Found): void {
    // Index loops: a shared check's replay adds what it found to every user, mostly nothing.
    for (let i = 0; i < found.errors.length; i++) this.items.push(found.errors[i]);
    for (let i = 0; i < found.warnings.length; i++) this.warningItems.push(found.warnings[i]);
  }

  /** The errors recorded so far, each as `property: message`. */
  public get found(): readonly string[] {
    return this.items;
  }

  /** The warnings recorded so far. */
  public get warnings(): readonly FoundWarning[] {
    return this.warningItems;
  }

  /** Errors and warnings, for replaying elsewhere. */
  public get all(): Found {
    return { errors: this.items, warnings: this.warningItems };
  }

  /** Whether any error was recorded. */
  public get any(): boolean {
    return this.items.length > 0;
  }

  /** The errors as one indented list, or `undefined` when there are none. */
  public render(subject: string): string | undefined {
    if (this.items.length === 0) {
      return undefined;
    }
    const noun = this.items.length === 1 ? 'problem' : 'problems';
    return `${subject} has ${this.items.length} ${noun}:\n${this.items.map(i => `  - ${i}`).join('\n')}`;
  }

  /**
   * Throws a {@link ConnectUserValidationError} when any error was recorded.
   * The subject may be a function, so that it costs nothing when all is well.
   */
  public throwIfAny(subject: string | (() => string)): void {
    if (this.items.length === 0) return;
    throw new ConnectUserValidationError(this.render(typeof subject === 'function' ? subject() : subject)!);
  }

  /**
   * Adds the warnings as synth warnings (`cdk-connect-user:<id>`), each on its own
   * scope or on `scope`. A warning already on a construct is not added twice. With
   * `sink`, the warnings meant for `scope` are handed to it instead.
   */
  public emitWarnings(scope: IConstruct, sink?: (unscoped: readonly FoundWarning[]) => void): void {
    if (this.warningItems.length === 0) return;
    // With a sink, the warnings that would go to `scope` go to it instead (a roster reports each rule once).
    if (sink !== undefined) {
      const own = this.warningItems.filter(w => w.scope === undefined);
      if (own.length > 0) sink(own);
    }
    for (const w of this.warningItems) {
      if (sink !== undefined && w.scope === undefined) continue;
      if (w.scope !== undefined) {
        // A warning of a shared input (the instance) reaches every user of a roster: add it once.
        let texts = emittedOn.get(w.scope);
        if (texts === undefined) emittedOn.set(w.scope, texts = new Set());
        if (texts.has(w.text)) continue;
        texts.add(w.text);
      }
      Annotations.of(w.scope ?? scope).addWarningV2(`${WARNING_PREFIX}${w.id}`, w.text);
    }
  }
}

/**
 * Thrown when a ConnectUser (or one of its helpers) is given a value that
 * CloudFormation or Amazon Connect would reject.
 */
export class ConnectUserValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectUserValidationError';
    // The stack starts at the caller's line: the library's own frames (files the package may not
    // even ship as sources) say nothing to the person who passed the bad value.
    if (typeof this.stack === 'string') this.stack = withoutLibraryFrames(this.stack);
  }
}

/** The root of this package (lib/ or src/ holds this file two levels down). */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const LIBRARY_DIRS = [path.join(PACKAGE_ROOT, 'lib') + path.sep, path.join(PACKAGE_ROOT, 'src') + path.sep];

/** A stack trace without the frames of this library's own files. */
export function withoutLibraryFrames(stack: string): string {
  return stack.split('\n').filter(line => !(/^\s+at /.test(line) && LIBRARY_DIRS.some(dir => line.includes(dir)))).join('\n');
}

/**
 * Shows a literal value in an error message: quoted, and shortened in the
 * middle when very long (so both the start and the telling end of an ARN stay).
 */
export function show(value: unknown): string {
  // String() throws on an object without a string form (Object.create(null)) and on a symbol's conversion in a template.
  let text: string;
  try {
    text = typeof value === 'string' ? value : String(value);
  } catch {
    text = typeof value === 'object' ? '[an object]' : `[${typeof value}]`;
  }
  const shortened = text.length > 200 ? `${text.slice(0, 120)}...${text.slice(-60)}` : text;
  return `'${shortened}'`;
}
