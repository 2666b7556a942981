/**
 * The Amazon Connect API as the CLI uses it: the AWS SDK's Connect client,
 * loaded on demand (it is not a dependency of this package), made under the
 * CLI's one policy (./policy.ts: timeouts, retries, a deadline per call, a
 * bound on paging), with a count of the calls made per operation.
 */
import { awsPolicy, clientConfig, loadSdk, RateLimiter, sendWithDeadline } from './policy';
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
  /**
   * Send {@link RATE_LIMITED}'s operations at most at this many requests a second each (bursts of the policy's
   * `connectBurst`): export passes the policy's `connectRatePerSecond` (Amazon Connect's documented rate) or its
   * `--rate`.
   * @default - no client-side limit (the adaptive retries alone)
   */
  readonly ratePerSecond?: number;
}

/**
 * The calls made once per user (export's): sent at most at the caller's rate, one bucket per operation, so that
 * a long export keeps under Amazon Connect's rate instead of provoking throttling and retrying into it.
 */
export const RATE_LIMITED: ReadonlySet<string> = new Set(['DescribeUser', 'ListUserProficiencies']);

/**
 * The member each operation's answer always has: the thing described, or the page of the listing (empty when
 * there is nothing). Botocore's Connect model marks no output member required; what it returns is the
 * operation's purpose, and Amazon Connect returns an empty list for an empty page (each List page's list is what
 * the API reference's response syntax shows first). A 200 answer without it is an endpoint that went wrong, not
 * an empty instance or a missing user: an error naming the operation, never an empty result.
 */
export const ALWAYS_RETURNED: Readonly<Record<string, string>> = {
  DescribeInstance: 'Instance',
  DescribeUser: 'User',
  DescribePredefinedAttribute: 'PredefinedAttribute',
  ListUsers: 'UserSummaryList',
  SearchUsers: 'Users',
  ListUserProficiencies: 'UserProficiencyList',
  ListRoutingProfiles: 'RoutingProfileSummaryList',
  ListSecurityProfiles: 'SecurityProfileSummaryList',
  ListUserHierarchyGroups: 'UserHierarchyGroupSummaryList',
  ListPredefinedAttributes: 'PredefinedAttributeSummaryList',
};

/** The endpoint a client calls, as messages name it: the one given, else Amazon Connect's regional endpoint. */
export function connectEndpoint(region: string | undefined, endpoint: string | undefined): string {
  return endpoint ?? `https://connect.${region ?? '<no region>'}.amazonaws.com`;
}

/** What a call is about, as messages name it: the ids of its input (instance, user, attribute). */
function resourceOf(input: Record<string, unknown>, endpoint?: string): string {
  const parts = [['instance', input.InstanceId], ['user', input.UserId], ['attribute', input.Name]]
    .filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k} ${v}`);
  if (endpoint !== undefined) parts.push(`at ${endpoint}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
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
  const region = options.region ?? instanceArn.split(':')[3];
  const client = new sdk.ConnectClient(clientConfig(SDK_PACKAGE, { region, endpoint: options.endpoint }));
  const endpoint = connectEndpoint(region, options.endpoint);
  const counts: CallCounts = {};
  const limiters = new Map<string, RateLimiter>();
  const rate = options.ratePerSecond;
  // Pages after the first, per listing (the operation and its input but for the token and page size).
  const pages = new Map<string, number>();
  return {
    counts,
    async call(operation, input) {
      // ' (instance i-1, user u-1, at https://connect.us-east-1.amazonaws.com)'
      const about = resourceOf(input, endpoint);
      if (input.NextToken !== undefined) {
        const { NextToken: _token, MaxResults: _size, ...rest } = input;
        const listing = `${operation} ${JSON.stringify(rest)}`;
        const page = (pages.get(listing) ?? 1) + 1;
        if (page > awsPolicy.maxPages) {
          throw new Error(`${operation}${about} was still handing out pages after ${awsPolicy.maxPages}: the listing would not end, so it stopped`);
        }
        pages.set(listing, page);
      }
      if (rate !== undefined && RATE_LIMITED.has(operation)) {
        if (!limiters.has(operation)) limiters.set(operation, new RateLimiter(rate, awsPolicy.connectBurst));
        await limiters.get(operation)!.take();
      }
      const Command = sdk[`${operation}Command`];
      const count = counts[operation] ??= { calls: 0, retries: 0 };
      count.calls++;
      let out: any;
      try {
        out = await sendWithDeadline(client, new Command(input), operation, about);
      } catch (e) {
        count.retries += Math.max(0, ((e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) - 1);
        // The SDK's message names neither the operation nor what it was about ("Rate exceeded", a timeout).
        const message = String((e as Error)?.message);
        if (message.startsWith(operation)) throw e;
        throw Object.assign(new Error(`${operation}${about} failed: ${message}`, { cause: e }),
          { name: (e as Error)?.name, $metadata: (e as { $metadata?: unknown }).$metadata });
      }
      count.retries += Math.max(0, (out?.$metadata?.attempts ?? 1) - 1);
      const field = ALWAYS_RETURNED[operation];
      if (field !== undefined && (out === null || typeof out !== 'object' || out[field] === undefined || out[field] === null)) {
        throw new Error(`${operation}${about} answered without ${field}, which it always returns: the endpoint did not give a real answer, `
          + 'so nothing is read from it (check --endpoint-url, a proxy, or the service\'s health)');
      }
      return out;
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
      throw new Error(`${operation}${resourceOf(input)} returned the same NextToken twice: the listing would never end, so it stopped`);
    }
    seen.add(nextToken);
  }
  throw new Error(`${operation}${resourceOf(input)} was still handing out pages after ${awsPolicy.maxPages}: the listing would not end, so it stopped`);
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
    ...ops.map(op => `  ${op}: ${counts[op].calls}${counts[op].retries ? ` (+${counts[op].retries} retried: throttled, timed out or failed)` : ''}`),
  ];
}
