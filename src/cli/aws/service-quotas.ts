/**
 * Service Quotas as the CLI uses it: the AWS SDK's Service Quotas client,
 * loaded on demand (it is not a dependency of this package, and preflight runs
 * without it), made under the CLI's one policy (./policy.ts), for one quota:
 * Amazon Connect's users per instance.
 */
import { clientConfig, ClientPlace, loadSdk, sendWithDeadline } from './policy';

const SDK_PACKAGE = '@aws-sdk/client-service-quotas';

/** Loads the AWS SDK's Service Quotas client (not a dependency of this package). */
// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
export const loadServiceQuotasSdk = { load: (): any => require('@aws-sdk/client-service-quotas') };

/**
 * Amazon Connect's "Users per instance": its Service Quotas code and documented default.
 * Source (documented): Amazon Connect Administrator Guide, "Amazon Connect service quotas", table "Amazon
 * Connect quotas": "Users per instance | 500 | Yes" linking to servicequotas/…/connect/quotas/L-9A46857E
 * (awsdocs/amazon-connect-admin-guide, doc_source/amazon-connect-service-limits.md; read 2026-12-03). The guide
 * calls it a resource-level quota (applied per instance), which GetServiceQuota reads with the instance ARN as
 * its ContextId (Service Quotas API reference, GetServiceQuota).
 */
export const USERS_PER_INSTANCE = { serviceCode: 'connect', quotaCode: 'L-9A46857E', documentedDefault: 500 } as const;

/** What preflight learned of an instance's users quota. */
export interface UsersQuota {
  /** The quota. */
  readonly value: number;
  /** `applied`: Service Quotas answered for this instance or account; `documented`: the documented default. */
  readonly source: 'applied' | 'documented';
  /** Why the documented default is used (no SDK, no permission, an error), for a note. */
  readonly note?: string;
}

/**
 * The users-per-instance quota of `instanceArn`: Service Quotas' value for the instance (ContextId), else for
 * the account, else the documented default with the reason. Never throws: the quota is one check of many.
 */
export async function usersPerInstance(instanceArn: string, place: ClientPlace): Promise<UsersQuota> {
  let sdk: any;
  try {
    sdk = loadSdk(loadServiceQuotasSdk.load, 'preflight', 'Service Quotas', SDK_PACKAGE);
  } catch (e) {
    return documented(`${(e as Error).message} to read the applied quota`);
  }
  const client = new sdk.ServiceQuotasClient(clientConfig(SDK_PACKAGE, place));
  const endpoint = place.endpoint ?? `https://servicequotas.${place.region ?? '<no region>'}.amazonaws.com`;
  const ask = async (contextId?: string): Promise<number | undefined> => {
    const input = {
      ServiceCode: USERS_PER_INSTANCE.serviceCode, QuotaCode: USERS_PER_INSTANCE.quotaCode, ...(contextId ? { ContextId: contextId } : {}),
    };
    const about = ` (${USERS_PER_INSTANCE.quotaCode}, at ${endpoint})`;
    const out = await sendWithDeadline(client, new sdk.GetServiceQuotaCommand(input), 'GetServiceQuota', about);
    const value = out?.Quota?.Value;
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  try {
    let value: number | undefined;
    try {
      value = await ask(instanceArn);
    } catch (e) {
      // An account or Region where the quota has no per-instance value: ask for the account's.
      if ((e as { name?: string }).name !== 'NoSuchResourceException' && (e as { name?: string }).name !== 'IllegalArgumentException') throw e;
    }
    value ??= await ask();
    if (value === undefined) return documented(`GetServiceQuota (${USERS_PER_INSTANCE.quotaCode}, at ${endpoint}) answered without Quota.Value`);
    return { value, source: 'applied' };
  } catch (e) {
    const name = (e as { name?: string }).name;
    return documented(name === 'AccessDeniedException'
      ? `the credentials may not call servicequotas:GetServiceQuota (${String((e as Error).message)})`
      : `GetServiceQuota failed: ${String((e as Error).message)}`);
  } finally {
    client.destroy?.();
  }
}

function documented(note: string): UsersQuota {
  return { value: USERS_PER_INSTANCE.documentedDefault, source: 'documented', note };
}
