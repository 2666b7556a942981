/**
 * `cdk-connect-user version` (also `--version`, `-V`): the version of the
 * package, as its package.json says.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, USAGE_EXIT, UsageError } from './command';

/** The package's package.json: three levels up from lib/cli/commands (or src/cli/commands under ts-node). */
const PACKAGE_JSON = path.join(__dirname, '..', '..', '..', 'package.json');

/** The version in the package's package.json. */
export function packageVersion(file = PACKAGE_JSON): string {
  const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string' || version === '') throw new Error(`${file} has no version`);
  return version;
}

/** `cdk-connect-user version`. */
export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version of the package (also --version, -V)',
  usage: 'cdk-connect-user version (or: cdk-connect-user --version, cdk-connect-user -V)',
  help: ["Prints the package's version, as its package.json says, on a line of its own."],
  options: {},
  exitCodes: [
    { code: 0, meaning: 'the version was printed' },
    { code: 1, meaning: "the package's package.json cannot be read, or has no version" },
    USAGE_EXIT,
  ],
  async run(_values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`expected no argument, got ${positionals.map(p => `'${p}'`).join(' and ')}`);
    io.out(packageVersion());
    return 0;
  },
};
