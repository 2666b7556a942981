/**
 * A fake Service Quotas endpoint on 127.0.0.1 (a random port) for the one call
 * preflight makes, GetServiceQuota, in the JSON 1.1 protocol the SDK uses (POST /,
 * `X-Amz-Target: ServiceQuotasV20190624.GetServiceQuota`, errors by their type in
 * `__type`: botocore's service-quotas model).
 */
import * as http from 'http';
import { AddressInfo } from 'net';

/** How the fake answers. */
export type QuotaAnswer =
  /** The quota's value, for the instance (a ContextId) and the account alike. */
  | { readonly value: number }
  /** The quota's value for the account only: a ContextId gets NoSuchResourceException. */
  | { readonly accountValue: number }
  /** An error of the model's (AccessDeniedException, ServiceException). */
  | { readonly error: string };

/** The fake endpoint. */
export class FakeServiceQuotas {
  /** Starts it on 127.0.0.1 and a random port. */
  public static async start(answer: QuotaAnswer): Promise<FakeServiceQuotas> {
    const fake = new FakeServiceQuotas(answer);
    await new Promise<void>(resolve => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The inputs of the calls it answered. */
  public readonly inputs: Array<Record<string, unknown>> = [];
  private readonly server: http.Server;

  private constructor(public answer: QuotaAnswer) {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => { body += c; });
      req.on('end', () => {
        const send = (status: number, out: object) => {
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake' });
          res.end(JSON.stringify(out));
        };
        if (req.headers['x-amz-target'] !== 'ServiceQuotasV20190624.GetServiceQuota') {
          return send(400, { __type: 'UnknownOperationException', message: `no operation ${req.headers['x-amz-target']}` });
        }
        const input = JSON.parse(body || '{}');
        this.inputs.push(input);
        const a = this.answer;
        if ('error' in a) return send(400, { __type: a.error, message: `fake ${a.error}` });
        if ('accountValue' in a && input.ContextId !== undefined) return send(400, { __type: 'NoSuchResourceException', message: 'no resource-level quota' });
        const value = 'value' in a ? a.value : a.accountValue;
        return send(200, {
          Quota: { ServiceCode: input.ServiceCode, QuotaCode: input.QuotaCode, QuotaName: 'Users per instance', Value: value, Adjustable: true, GlobalQuota: false },
        });
      });
    });
  }

  /** The endpoint URL, for `--service-quotas-endpoint-url`. */
  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async close(): Promise<void> {
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }
}
