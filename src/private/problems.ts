/**
 * Collects every problem found on one construct so that it can be reported in
 * a single error (or a single synth-time validation message) instead of one
 * at a time.
 */
export class Problems {
  private readonly items: string[] = [];

  /** Records that `property` is wrong: `message` says what it is and what is expected. */
  public add(property: string, message: string): void {
    this.items.push(`${property}: ${message}`);
  }

  /** Records problems found earlier (see {@link SharedChecks}). */
  public addFound(found: readonly string[]): void {
    for (const item of found) this.items.push(item);
  }

  /** The problems recorded so far, each as `property: message`. */
  public get found(): readonly string[] {
    return this.items;
  }

  /** Whether any problem was recorded. */
  public get any(): boolean {
    return this.items.length > 0;
  }

  /** The problems as one indented list, or `undefined` when there are none. */
  public render(subject: string): string | undefined {
    if (this.items.length === 0) {
      return undefined;
    }
    const noun = this.items.length === 1 ? 'problem' : 'problems';
    return `${subject} has ${this.items.length} ${noun}:\n${this.items.map(i => `  - ${i}`).join('\n')}`;
  }

  /**
   * Throws a {@link ConnectUserValidationError} when any problem was recorded.
   * The subject may be a function, so that it costs nothing when all is well.
   */
  public throwIfAny(subject: string | (() => string)): void {
    if (this.items.length === 0) return;
    throw new ConnectUserValidationError(this.render(typeof subject === 'function' ? subject() : subject)!);
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
  }
}

/**
 * Shows a literal value in an error message: quoted, and shortened in the
 * middle when very long (so both the start and the telling end of an ARN stay).
 */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const shortened = text.length > 200 ? `${text.slice(0, 120)}...${text.slice(-60)}` : text;
  return `'${shortened}'`;
}
