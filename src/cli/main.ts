#!/usr/bin/env node
/**
 * cdk-connect-user import-mapping [<cdk.out>] [--out <dir>] [--lookup] [--region <region>]
 *
 * Writes, for every stack with adopted ConnectUsers, the file that
 * `cdk import <stack> --resource-mapping <file>` needs, and prints the commands.
 */
import * as path from 'path';
import { buildMappings, findAdoptedUsers, UserArnLookup, writeMappings } from './import-mapping';
import { findUser } from '../private/find-user';

const USAGE = 'usage: cdk-connect-user import-mapping [<cdk.out directory>] [--out <dir>] [--lookup] [--region <region>]';

/** Loads the AWS SDK's Connect client (not a dependency of this package: installed by those who use --lookup). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const loadConnectSdk = { load: (): any => require('@aws-sdk/client-connect') };

/** A lookup through the AWS SDK, which is loaded only when asked for. */
function sdkLookup(region: string | undefined): UserArnLookup {
  let sdk: any;
  try {
    sdk = loadConnectSdk.load();
  } catch {
    throw new Error("--lookup needs the AWS SDK for JavaScript v3 Connect client: 'npm install --save-dev @aws-sdk/client-connect'");
  }
  return async (instanceArn, username) => {
    const client = new sdk.ConnectClient({ region: region ?? instanceArn.split(':')[3] });
    return (await findUser(client, sdk.SearchUsersCommand, instanceArn, username)).Arn;
  };
}

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'import-mapping') {
    log(USAGE);
    return 2;
  }
  let assembly = 'cdk.out';
  let out = 'import-mappings';
  let lookup = false;
  let region: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--out') {out = rest[++i];} else if (a === '--lookup') {lookup = true;} else if (a === '--region') {region = rest[++i];} else if (!a.startsWith('--')) {assembly = a;} else {
      log(`unknown option ${a}\n${USAGE}`);
      return 2;
    }
  }
  const users = findAdoptedUsers(assembly);
  if (users.length === 0) {
    log(`No adopted ConnectUsers in ${assembly}: nothing to import.`);
    return 0;
  }
  const mappings = await buildMappings(users, lookup ? sdkLookup(region) : undefined);
  const files = writeMappings(mappings, out);
  log(`${users.length} adopted user(s) in ${mappings.length} stack(s). Import each stack with:`);
  mappings.forEach((m, i) => log(`  npx cdk import ${m.stack} --resource-mapping ${path.relative(process.cwd(), files[i])}`));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(code => process.exit(code), (e: Error) => {
    console.error(`cdk-connect-user: ${e.message}`);
    process.exit(1);
  });
}
