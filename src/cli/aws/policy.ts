/**
 * How the CLI calls AWS: one policy for every SDK client it makes (Amazon
 * Connect and CloudFormation alike), so that no command waits on a silent
 * connection for ever and every command rides out throttling the same way.
 *
 * The SDK's own defaults would not do: it sets no request timeout (a connection
 * that stops answering is waited on until the operating system gives up, which
 * can be never), and three attempts are few for Amazon Connect's per-account
 * throttling during a long export.
 */
import * as path from 'path';

/**
 * The SDK's adaptive retry mode: it backs off with jitter as the standard mode
 * does, and after a throttling error it also slows the client's own sending
 * (a token bucket shared by every call of the client). Export and import-roster
 * send several calls at a time; adaptive mode makes them slow down together
 * instead of each retrying into the same throttle.
 */
export const RETRY_MODE = 'adaptive';

/**
 * Attempts per call, the first included. Amazon Connect throttles its APIs per
 * account (a few requests a second for the user APIs). With half of the requests
 * throttled, ten attempts leave one call in 1,024 failing, and an export of 300
 * users makes about 600 calls: it failed more often than not (issue 24). Twenty
 * leave one in a million. Against AWS the SDK's backoff (up to 20 s between
 * attempts) makes the call deadline, not this number, end a call that is
 * throttled for minutes.
 */
export const MAX_ATTEMPTS = 20;

/**
 * How long to wait for a connection to an endpoint. A TCP and TLS handshake with
 * a regional AWS endpoint takes well under a second; ten seconds leave room for a
 * slow proxy or VPN. An endpoint that accepts no connection is then retried
 * instead of waited on for the operating system's own timeout (minutes).
 */
export const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * How long one attempt may take, from sending the request to the end of the
 * answer. The largest answers the CLI reads (a page of 1,000 users, a deployed
 * template of up to 1 MB) take seconds; thirty seconds is several times that,
 * while a connection that went silent is given up and retried within half a
 * minute (the SDK sets no request timeout by default).
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * How long one call may take, every attempt and backoff included. The SDK
 * waits at most 20 s between attempts, so ten throttled attempts fit in about
 * three minutes; a call without an answer by then is failing, not slow, and is
 * reported as such rather than waited on through ten request timeouts.
 */
export const CALL_DEADLINE_MS = 180_000;

/**
 * The most pages one listing may take. Ten thousand pages is ten million users
 * at ListUsers' 1,000 a page, beyond any Amazon Connect instance: a listing that
 * goes on past it is an endpoint answering for ever, and is stopped.
 */
export const MAX_PAGES = 10_000;

/**
 * Requests a second per Amazon Connect operation that the CLI sends of its per-user calls (export's DescribeUser
 * and ListUserProficiencies, one of each per user), and how many it may send at once before that rate holds.
 *
 * Source (documented): Amazon Connect Administrator Guide, "Amazon Connect service quotas", section "Amazon Connect
 * API throttling quotas": "For all other operations, a RateLimit of 2 requests per second, and a BurstLimit of 5
 * requests per second" (awsdocs/amazon-connect-admin-guide, doc_source/amazon-connect-service-limits.md; the same
 * figures are in the API reference's service description). The API reference's "Best practices for using Amazon
 * Connect APIs", "Throttling in Amazon Connect APIs": "The throttling limits are defined for each API separately
 * at the AWS account level" — so one bucket per operation. Read 2026-12-03. Accounts with a raised limit pass a
 * higher rate (`export --rate`).
 */
export const CONNECT_RATE_PER_SECOND = 2;
/** The burst that goes with {@link CONNECT_RATE_PER_SECOND} (same source). */
export const CONNECT_BURST = 5;

/** The policy's values (the constants above); tests lower them to see a timeout or a bound in milliseconds. */
export interface AwsPolicy {
  retryMode: string;
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  callDeadlineMs: number;
  maxPages: number;
  /** Requests a second per rate-limited Connect operation ({@link CONNECT_RATE_PER_SECOND}). */
  connectRatePerSecond: number;
  /** The burst of each rate-limited Connect operation ({@link CONNECT_BURST}). */
  connectBurst: number;
  /**
   * Replaces the SDK's backoff between attempts (the retries still happen, in
   * the standard retry mode). A test hook: fakes answer at once, and the tests
   * should not wait seconds for each throttled request.
   */
  delayMs?: (attempt: number) => number;
}

/** The policy every client of the CLI is made with. */
export const awsPolicy: AwsPolicy = {
  retryMode: RETRY_MODE,
  maxAttempts: MAX_ATTEMPTS,
  connectionTimeoutMs: CONNECTION_TIMEOUT_MS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  callDeadlineMs: CALL_DEADLINE_MS,
  maxPages: MAX_PAGES,
  connectRatePerSecond: CONNECT_RATE_PER_SECOND,
  connectBurst: CONNECT_BURST,
};

/**
 * A token bucket: {@link take} resolves at once while tokens are left (the burst), then at `perSecond` a
 * second. Callers wait in the order they came. Not a timer that keeps the process alive when nobody waits.
 */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly perSecond: number, private readonly burst: number) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new Error(`a rate limit needs a rate above 0 and a burst of at least 1, got ${perSecond} and ${burst}`);
    this.tokens = burst;
  }

  /** Waits for a token. */
  public take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) {
      const ms = Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
      await new Promise(resolve => setTimeout(resolve, ms));
      this.tokens = Math.min(this.burst, this.tokens + (ms / 1000) * this.perSecond);
      this.last = Date.now();
    }
    this.tokens -= 1;
  }
}

/** Where a client calls: the region and, as the AWS CLI's --endpoint-url, another endpoint. */
export interface ClientPlace {
  readonly region?: string;
  readonly endpoint?: string;
}

/**
 * The configuration of an SDK client under the policy. `sdkPackage` names the
 * client's package (`@aws-sdk/client-connect`), from which the test hook's retry
 * strategy is loaded.
 */
export function clientConfig(sdkPackage: string, place: ClientPlace): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region: place.region,
    ...(place.endpoint !== undefined ? { endpoint: place.endpoint } : {}),
    retryMode: awsPolicy.retryMode,
    maxAttempts: awsPolicy.maxAttempts,
    // The plain-object form of the request handler's options (aws/aws-sdk-js-v3#5820, 2024): no import of the
    // handler's package, which is the SDK's dependency, not ours. Recent handlers only log a warning when
    // requestTimeout passes unless throwOnRequestTimeout is set (seen with @smithy/node-http-handler 4.14).
    requestHandler: {
      connectionTimeout: awsPolicy.connectionTimeoutMs,
      requestTimeout: awsPolicy.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
  // @smithy/core is a dependency of every SDK v3 client: resolve it from the client's package.
  const from = path.dirname(require.resolve(sdkPackage));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const retry = require(require.resolve('@smithy/core/retry', { paths: [from] }));
  config.retryStrategy = withoutQuotaForThrottling(awsPolicy.delayMs
    ? new retry.ConfiguredRetryStrategy(awsPolicy.maxAttempts, awsPolicy.delayMs)
    : new retry.AdaptiveRetryStrategy(async () => awsPolicy.maxAttempts));
  return config;
}

/**
 * The SDK's retry strategy, with throttling errors taken off its retry quota. The SDK gives each client 500
 * tokens; a retry costs 5 and a success returns 1 (@smithy/core/retry, StandardRetryStrategy, read 2026-12-03).
 * With half of the requests throttled, the tokens run out after a few hundred calls and every later throttled
 * call fails at once with "Rate exceeded" (issue 24: export gave up after about 650 calls). A throttled request
 * reached a service that works and asked the client to slow down, which the adaptive mode and the rate limit
 * do; the quota still guards against an endpoint that fails (5xx, timeouts), and the attempts and the call's
 * deadline still bound every call.
 */
function withoutQuotaForThrottling<T>(strategy: T): T {
  // The adaptive strategy keeps a standard one inside; the configured one is one.
  const standard = (strategy as { standardRetryStrategy?: unknown }).standardRetryStrategy ?? strategy;
  const cost = (standard as { getCapacityCost?: (errorType: string) => number }).getCapacityCost;
  // Another @smithy/core may lay its strategy out otherwise: the SDK's own quota then applies (test/aws-policy.test.ts
  // checks that the installed one is patched, so a change shows in CI).
  if (typeof cost !== 'function') return strategy;
  (standard as { getCapacityCost: (errorType: string) => number }).getCapacityCost = errorType =>
    (errorType === 'THROTTLING' ? 0 : cost.call(standard, errorType));
  return strategy;
}

/** An SDK client: what the CLI calls on it. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<any>;
}

/**
 * Sends `command` under the policy's deadline for one call. Past it, the call is
 * aborted (the attempt under way included) and fails with an error naming
 * `operation` and the deadline.
 */
export async function sendWithDeadline(client: SdkClient, command: unknown, operation: string, about = ''): Promise<any> {
  const signal = AbortSignal.timeout(awsPolicy.callDeadlineMs);
  try {
    return await client.send(command, { abortSignal: signal });
  } catch (e) {
    if (!signal.aborted) throw e;
    // The SDK's own error says only 'Request aborted'. $metadata is kept: it tells how many attempts were made.
    throw Object.assign(new Error(`${operation}${about} got no answer within ${formatMs(awsPolicy.callDeadlineMs)}, retries included: `
      + 'check the network and the endpoint, then run the command again', { cause: e }), { $metadata: (e as { $metadata?: unknown }).$metadata });
  }
}

/** Loads an SDK client package with `load`, or says how to install it: `<neededBy> needs the AWS SDK for JavaScript v3 <service> client`. */
export function loadSdk(load: () => any, neededBy: string, service: string, sdkPackage: string): any {
  try {
    return load();
  } catch {
    throw new Error(`${neededBy} needs the AWS SDK for JavaScript v3 ${service} client: 'npm install --save-dev ${sdkPackage}'`);
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
