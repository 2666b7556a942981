/**
 * What every command of `cdk-connect-user` is: a module under src/cli/commands
 * exporting one {@link Command}, which owns its option table, its help and its
 * exit codes. main.ts only routes to it.
 */
import * as path from 'path';
import type { ParseArgsConfig } from 'util';
import { CALL_DEADLINE_MS, CONNECTION_TIMEOUT_MS, MAX_ATTEMPTS, MAX_PAGES, REQUEST_TIMEOUT_MS } from '../aws/policy';

/** Where a command writes: `out` for results, `err` for usage errors and diagnostics. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** A command's options, as Node's `util.parseArgs` takes them (parsed strictly: an unknown option is a usage error). */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** The values of a command line's options, by option name. */
export type OptionValues = Record<string, string | boolean | undefined>;

/** One exit code of a command, and what it means for that command. */
export interface ExitCode {
  readonly code: number;
  readonly meaning: string;
}

/** A command of `cdk-connect-user`. */
export interface Command {
  /** The word that names it on the command line. */
  readonly name: string;
  /** One line, for the list of commands. */
  readonly summary: string;
  /** The synopsis, after `usage: `. */
  readonly usage: string;
  /** The lines of `--help` after the synopsis: each option, then what the command does. */
  readonly help: readonly string[];
  /** The options it takes (`--help` is every command's). */
  readonly options: OptionTable;
  /** Every code it exits with, as `--help` lists them. */
  readonly exitCodes: readonly ExitCode[];
  /**
   * Runs the command; resolves to its exit code. Throws {@link UsageError} on a
   * mistake in the command line (exit 2), {@link InputError} on an input it cannot
   * read (exit 3), any other error when it fails (exit 1).
   */
  run(values: OptionValues, positionals: string[], io: Io): Promise<number>;
}

/** A mistake in the command line: exit 2, the message and the usage line on stderr. */
export class UsageError extends Error {}

/** An input the command cannot read (a cloud assembly, a template, an answer from AWS): exit 3, the message on stderr. */
export class InputError extends Error {}

/** Exit 2, which every command shares: the command line was wrong, and nothing was done. */
export const USAGE_EXIT: ExitCode = {
  code: 2,
  meaning: 'bad usage (an unknown option, a missing value, options that do not go together): nothing was done',
};

/** A word of a printed command line, quoted for a POSIX shell where it needs to be. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** A path as a printed command takes it: relative to the working directory when inside it, else whole. */
export function shellPath(p: string): string {
  const relative = path.relative(process.cwd(), path.resolve(p));
  return shellWord(relative === '' ? '.' : relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) ? path.resolve(p) : relative);
}

/** What `--help` says of the AWS client policy (src/cli/aws/policy.ts), for the commands that call AWS. */
export const POLICY_HELP: readonly string[] = [
  `AWS calls: ${CONNECTION_TIMEOUT_MS / 1000} s to connect, ${REQUEST_TIMEOUT_MS / 1000} s an attempt, up to ${MAX_ATTEMPTS} attempts (the SDK's adaptive`,
  `retries), at most ${CALL_DEADLINE_MS / 1000} s a call in all; a listing stops after ${MAX_PAGES.toLocaleString('en-US')} pages or a NextToken seen twice.`,
];
