#!/usr/bin/env node
/**
 * cdk-connect-user <command> [options]: routes a command line to its command.
 *
 * Each command is a module of ./commands, owning its options, help and exit
 * codes. This module only finds the command, prints the list of commands or a
 * command's --help, parses the options strictly (Node's util.parseArgs: an
 * unknown option or a missing value is a usage error, exit 2 on stderr), runs
 * the command and turns what it throws into an exit code.
 */
import { parseArgs } from 'util';
import { Command, InputError, Io, OptionValues, UsageError } from './commands/command';
import { exportCommand } from './commands/export';
import { importMappingCommand } from './commands/import-mapping';
import { importRosterCommand } from './commands/import-roster';
import { planCommand } from './commands/plan';
import { preflightCommand } from './commands/preflight';
import { versionCommand } from './commands/version';

export type { Io } from './commands/command';

/** The commands, in the order the list of commands shows them. */
export const COMMANDS: readonly Command[] = [importMappingCommand, importRosterCommand, exportCommand, preflightCommand, planCommand, versionCommand];

/** The options that name a command: `--version` is the version command, as in most CLIs. */
const COMMAND_OPTIONS: { readonly [option: string]: Command } = { '--version': versionCommand, '-V': versionCommand };

/** How wide `--help` wraps the meaning of an exit code. */
const HELP_WIDTH = 110;

function usage(): string[] {
  return [
    'usage: cdk-connect-user <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map(c => `  ${c.name.padEnd(16)}${c.summary}`),
    '',
    "'cdk-connect-user <command> --help' describes a command's options.",
    "'cdk-connect-user --version' (or -V) prints the version of the package.",
  ];
}

/** A command's --help: its synopsis, its help lines, then its exit codes. */
function help(command: Command): string[] {
  return [
    `usage: ${command.usage}`,
    '',
    ...command.help,
    '',
    'Exit codes:',
    ...command.exitCodes.flatMap(({ code, meaning }) => wrap(meaning, HELP_WIDTH - 5).map((l, i) => `${i === 0 ? `  ${code}  ` : '     '}${l}`)),
  ];
}

/** `text` in lines of at most `width` characters, broken between words (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

/**
 * Runs a command line; resolves to the exit code: 0, 1 when the command failed
 * (a plan that fails, a file it cannot read, unless the command says 3 for that),
 * 2 on bad usage, 3 on an input the command cannot read (InputError). Messages go to `io.err`.
 */
export async function main(argv: string[], io: Io = { out: console.log, err: console.error }): Promise<number> {
  const [given, ...rest] = argv;
  const name = given !== undefined && Object.prototype.hasOwnProperty.call(COMMAND_OPTIONS, given) ? COMMAND_OPTIONS[given].name : given;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    usage().forEach(l => (name === undefined ? io.err : io.out)(l));
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find(c => c.name === name);
  if (command === undefined) {
    io.err(`cdk-connect-user: unknown command '${name}'`);
    usage().forEach(l => io.err(l));
    return 2;
  }
  try {
    const parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      help(command).forEach(l => io.out(l));
      return 0;
    }
    if (parsed.positionals.length > 1) {
      throw new UsageError(`expected at most one cloud assembly directory, got ${parsed.positionals.map(p => `'${p}'`).join(' and ')}`);
    }
    return await command.run(parsed.values as OptionValues, parsed.positionals, io);
  } catch (e) {
    io.err(`cdk-connect-user ${name}: ${(e as Error).message}`);
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`usage: ${command.usage}`);
      return 2;
    }
    return e instanceof InputError ? 3 : 1;
  }
}

if (require.main === module) {
  // exitCode rather than exit(): exit() would cut off output still on its way into a pipe (`plan --json | jq`).
  main(process.argv.slice(2)).then(code => { process.exitCode = code; }, (e: Error) => {
    console.error(`cdk-connect-user: ${e.message}`);
    process.exitCode = 1;
  });
}
