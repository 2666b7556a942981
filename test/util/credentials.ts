import { afterAll, beforeAll } from 'vitest';

/**
 * Dummy AWS credentials for the tests of one file that call a fake endpoint on
 * 127.0.0.1 (nothing reaches AWS): set before them, the previous environment restored after.
 */
export function useDummyCredentials(): void {
  const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CONNECT', 'AWS_ENDPOINT_URL_CLOUDFORMATION', 'AWS_ENDPOINT_URL_SERVICE_QUOTAS'];
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const k of keys) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-a-local-endpoint';
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}
