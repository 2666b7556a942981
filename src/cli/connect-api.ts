/**
 * The Amazon Connect API as the CLI uses it: the AWS SDK's Connect client,
 * loaded on demand (it is not a dependency of this package), with retries on
 * throttling and a count of the calls made per operation.
 */
import * as path from 'path';

/** Loads the AWS SDK's Connect client (not a dependency of this package: installed by those who use the commands that need it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
export const loadConnectSdk = { load: (): any => require('@aws-sdk/client-connect') };

/**
 * How calls are retried. Amazon Connect throttles its APIs per account (a few
 * requests a second for the user APIs): the SDK's standard retry mode backs off
 * with jitter on `TooManyRequestsException`; `maxAttempts` gives it room
 * enough that a long export rides out a throttled stretch. `delayMs` replaces
 * the SDK's backoff (tests use it to retry at once; the retries still happen).
 */
export const connectRetry: { maxAttempts: number; delayMs?: (attempt: number) => number } = { maxAttempts: 10 };

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
  try {
    return loadConnectSdk.load();
  } catch {
    throw new Error(`${neededBy} needs the AWS SDK for JavaScript v3 Connect client: 'npm install --save-dev @aws-sdk/client-connect'`);
  }
}

/** A counting Connect API for the region of `instanceArn` (or `options.region`). */
export function connectApi(instanceArn: string, options: ConnectApiOptions): ConnectApi {
  const sdk = connectSdk(options.neededBy);
  const config: Record<string, unknown> = {
    region: options.region ?? instanceArn.split(':')[3],
    endpoint: options.endpoint,
    maxAttempts: connectRetry.maxAttempts,
  };
  if (connectRetry.delayMs) {
    // @smithy/core is a dependency of the Connect client: resolve it from there.
    const from = path.dirname(require.resolve('@aws-sdk/client-connect'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const retry = require(require.resolve('@smithy/core/retry', { paths: [from] }));
    config.retryStrategy = new retry.ConfiguredRetryStrategy(connectRetry.maxAttempts, connectRetry.delayMs);
  }
  const client = new sdk.ConnectClient(config);
  const counts: CallCounts = {};
  return {
    counts,
    async call(operation, input) {
      const Command = sdk[`${operation}Command`];
      const count = counts[operation] ??= { calls: 0, retries: 0 };
      count.calls++;
      try {
        const out = await client.send(new Command(input));
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
 * Every item of a paged List operation: follows NextToken to the end, asking
 * for `maxResults` a page, and stops when a token comes back a second time.
 */
export async function listAll<T>(api: ConnectApi, operation: string, input: Record<string, unknown>, key: string, maxResults: number): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await api.call(operation, { ...input, MaxResults: maxResults, NextToken: nextToken });
    items.push(...(page[key] ?? []));
    nextToken = page.NextToken;
    if (nextToken !== undefined && seen.has(nextToken)) {
      throw new Error(`${operation} returned the same NextToken twice: the listing would never end, so it stopped`);
    }
    if (nextToken !== undefined) seen.add(nextToken);
  } while (nextToken);
  return items;
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
