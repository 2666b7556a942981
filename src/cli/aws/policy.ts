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
 * account (a few requests a second for the user APIs): ten attempts give a long
 * export room to ride out a throttled stretch (the SDK's default is three).
 */
export const MAX_ATTEMPTS = 10;

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

/** The policy's values (the constants above); tests lower them to see a timeout or a bound in milliseconds. */
export interface AwsPolicy {
  retryMode: string;
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  callDeadlineMs: number;
  maxPages: number;
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
};

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
  if (awsPolicy.delayMs) {
    // @smithy/core is a dependency of every SDK v3 client: resolve it from the client's package.
    const from = path.dirname(require.resolve(sdkPackage));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const retry = require(require.resolve('@smithy/core/retry', { paths: [from] }));
    config.retryStrategy = new retry.ConfiguredRetryStrategy(awsPolicy.maxAttempts, awsPolicy.delayMs);
  }
  return config;
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
export async function sendWithDeadline(client: SdkClient, command: unknown, operation: string): Promise<any> {
  const signal = AbortSignal.timeout(awsPolicy.callDeadlineMs);
  try {
    return await client.send(command, { abortSignal: signal });
  } catch (e) {
    if (!signal.aborted) throw e;
    // The SDK's own error says only 'Request aborted'. $metadata is kept: it tells how many attempts were made.
    throw Object.assign(new Error(`${operation} got no answer within ${formatMs(awsPolicy.callDeadlineMs)}, retries included: `
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
