import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isHealthRequest } from './health-routes.js';

const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;

describe('isHealthRequest', () => {
  it('claims GET and HEAD of the three probe paths, with or without a query', () => {
    expect(['/healthz', '/readyz', '/metrics', '/readyz?verbose=1'].map((url) => isHealthRequest(request('GET', url)))).toEqual([true, true, true, true]);
    expect(isHealthRequest(request('HEAD', '/healthz'))).toBe(true);
  });

  it('passes every other request on: other methods, other paths, look-alikes', () => {
    expect(isHealthRequest(request('POST', '/healthz'))).toBe(false);
    expect(['/graphql', '/healthz/', '/metrics.json', '/api/auth/readyz', '/'].some((url) => isHealthRequest(request('GET', url)))).toBe(false);
  });
});
