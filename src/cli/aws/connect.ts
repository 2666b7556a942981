/**
 * The Amazon Connect API as the CLI uses it: the AWS SDK's Connect client,
 * loaded on demand (it is not a dependency of this package), made under the
 * CLI's one policy (./policy.ts: timeouts, retries, a deadline per call, a
 * bound on paging), with a count of the calls made per operation.
 */
import { awsPolicy, clientConfig, loadSdk, sendWithDeadline } from './policy';
import { findUser } from '../../private/find-user';

const SDK_PACKAGE = '@aws-sdk/client-connect';

/** Loads the AWS SDK's Connect client (not a dependency of this package: installed by those who use the commands that need it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
export const loadConnectSdk = { load: (): any => require('@aws-sdk/client-connect') };

/** The calls made per operation: how many calls, and how many retries they needed. */
export type CallCounts = Record<string, { calls: number; retries: number }>;

/** A Connect client that counts its calls, and the SDK's command classes. */
export interface ConnectApi {
  /** The calls made so far, per operation. */
  readonly counts: CallCounts;
  /** Sends `new sdk[<operation>Command](input)`; resolves to its output. */
  call(operation: string, input: Record<string, unknown>): Promise<any>;
}

/** What a command needing the Connect API was given. */
export interface ConnectApiOptions {
  /** The region (default: the instance ARN's). */
  readonly region?: string;
  /** Another endpoint, as the AWS CLI's --endpoint-url. */
  readonly endpoint?: string;
  /** What the message on a missing SDK names (`export`, `--lookup`). */
  readonly neededBy: string;
}

/** Loads the SDK, or says how to install it. */
export function connectSdk(neededBy: string): any {
  return loadSdk(loadConnectSdk.load, neededBy, 'Connect', SDK_PACKAGE);
}

/**
 * A counting Connect API for the region of `instanceArn` (or `options.region`).
 *
 * Every call follows the policy; a paged call (one with a NextToken) counts as
 * one more page of its listing, and a listing past the policy's `maxPages` is
 * stopped, whoever loops over it (listAll here, findUser in a drift check).
 */
export function connectApi(instanceArn: string, options: ConnectApiOptions): ConnectApi {
  const sdk = connectSdk(options.neededBy);
  const client = new sdk.ConnectClient(clientConfig(SDK_PACKAGE, { region: options.region ?? instanceArn.split(':')[3], endpoint: options.endpoint }));
  const counts: CallCounts = {};
  // Pages after the first, per listing (the operation and its input but for the token and page size).
  const pages = new Map<string, number>();
  return {
    counts,
    async call(operation, input) {
      if (input.NextToken !== undefined) {
        const { NextToken: _token, MaxResults: _size, ...rest } = input;
        const listing = `${operation} ${JSON.stringify(rest)}`;
        const page = (pages.get(listing) ?? 1) + 1;
        if (page > awsPolicy.maxPages) {
          throw new Error(`${operation} was still handing out pages after ${awsPolicy.maxPages}: the listing would not end, so it stopped`);
        }
        pages.set(listing, page);
      }
      const Command = sdk[`${operation}Command`];
      const count = counts[operation] ??= { calls: 0, retries: 0 };
      count.calls++;
      try {
        const out = await sendWithDeadline(client, new Command(input), operation);
        count.retries += Math.max(0, (out?.$metadata?.attempts ?? 1) - 1);
        return out;
      } catch (e) {
        count.retries += Math.max(0, ((e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) - 1);
        throw e;
      }
    },
  };
}

/**
 * Connect APIs made on demand, one per region (`options.region`, else each
 * instance ARN's), for commands that call several instances.
 */
export function connectApis(options: ConnectApiOptions): (instanceArn: string) => ConnectApi {
  const apis = new Map<string, ConnectApi>();
  return instanceArn => {
    const key = options.region ?? instanceArn.split(':')[3];
    if (!apis.has(key)) apis.set(key, connectApi(instanceArn, options));
    return apis.get(key)!;
  };
}

/**
 * Finds a user's ARN by username through SearchUsers (`findUser`), one client
 * per region. The SDK is loaded at once, so that a missing SDK is said before
 * anything else is done.
 */
export function userArnLookup(options: ConnectApiOptions): (instanceArn: string, username: string) => Promise<string> {
  connectSdk(options.neededBy);
  const api = connectApis(options);
  return async (instanceArn, username) => {
    const connect = api(instanceArn);
    const client = { send: (command: any) => connect.call('SearchUsers', command.input) };
    return (await findUser(client, SearchUsersInput, instanceArn, username)).Arn;
  };
}

/** What findUser constructs as its command: the input alone, which {@link ConnectApi.call} sends as SearchUsers. */
class SearchUsersInput {
  constructor(public readonly input: Record<string, unknown>) {}
}

/**
 * Every item of a paged List operation: follows NextToken to the end, asking
 * for `maxResults` a page. Stops when a token comes back a second time, and
 * after the policy's `maxPages` pages.
 */
export async function listAll<T>(api: ConnectApi, operation: string, input: Record<string, unknown>, key: string, maxResults: number): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 1; page <= awsPolicy.maxPages; page++) {
    const answer = await api.call(operation, { ...input, MaxResults: maxResults, NextToken: nextToken });
    items.push(...(answer[key] ?? []));
    nextToken = answer.NextToken;
    if (!nextToken) return items;
    if (seen.has(nextToken)) {
      throw new Error(`${operation} returned the same NextToken twice: the listing would never end, so it stopped`);
    }
    seen.add(nextToken);
  }
  throw new Error(`${operation} was still handing out pages after ${awsPolicy.maxPages}: the listing would not end, so it stopped`);
}

/** Runs `task` on every item, at most `limit` at a time; resolves in item order. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The count of calls per operation, one line each, for stderr. */
export function formatCounts(counts: CallCounts): string[] {
  const ops = Object.keys(counts).sort();
  const total = ops.reduce((n, op) => n + counts[op].calls, 0);
  return [
    `API calls: ${total}`,
    ...ops.map(op => `  ${op}: ${counts[op].calls}${counts[op].retries ? ` (+${counts[op].retries} retried after throttling)` : ''}`),
  ];
}
