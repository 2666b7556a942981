/**
 * An app for the real `cdk` CLI (test/import-roster.test.ts runs `cdk synth` on it with the CLI's
 * defaults: version reporting, path and asset metadata): one stack, Agents, holding a roster read
 * from the JSON roster document whose path is in ROSTER_DOCUMENT.
 */
import * as fs from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import { ConnectUserRoster } from '../../src';

const app = new App();
const stack = new Stack(app, 'Agents', { env: { account: process.env.APP_ACCOUNT, region: process.env.APP_REGION } });
new ConnectUserRoster(stack, 'Roster', { json: fs.readFileSync(process.env.ROSTER_DOCUMENT!, 'utf8'), shardCount: 2 });
