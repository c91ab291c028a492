import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.js';
import { BlockedAddressError } from './blocked-address-error.js';
import { createWorkspaceAllowCheck, workspaceAllowFor } from './workspace-allow.js';

const policy = (workspace: string[], allowable?: string[]) => createAddressPolicy([], workspaceAllowFor(workspace, allowable));
const attempt = (workspace: string[], address: string, port = 80, host = 'svc.internal', allowable?: string[]) => () => policy(workspace, allowable).assertAllowed(host, port, [address]);

describe('a workspace allow-list', () => {
  it('opens the private ranges and hosts it lists, on the ports it names', () => {
    expect(attempt(['10.1.0.0/16'], '10.1.2.3')).not.toThrow();
    expect(attempt(['192.168.1.20:8080'], '192.168.1.20', 8080)).not.toThrow();
    expect(attempt(['192.168.1.20:8080'], '192.168.1.20', 80)).toThrow(BlockedAddressError);
    expect(attempt(['svc.internal'], '172.20.0.5', 443)).not.toThrow();
    expect(attempt(['fd00::/8'], 'fd12::1')).not.toThrow();
    expect(attempt([], '10.1.2.3')).toThrow('private address (port 80) is not allow-listed');
  });

  it('never opens loopback, link-local or metadata addresses, not even for a host it lists by name', () => {
    expect(attempt(['svc.internal'], '127.0.0.1')).toThrow(BlockedAddressError);
    expect(attempt(['svc.internal'], '169.254.169.254')).toThrow('cloud metadata address');
    expect(attempt(['svc.internal'], '::ffff:127.0.0.1')).toThrow(BlockedAddressError);
    expect(attempt(['127.0.0.1'], '127.0.0.1')).toThrow(BlockedAddressError);
    // A name resolving to several addresses passes only if every one does.
    expect(() => policy(['svc.internal']).assertAllowed('svc.internal', 80, ['10.0.0.1', '127.0.0.1'])).toThrow(BlockedAddressError);
  });

  it('opens what the operator made allowable, e.g. loopback on a single-tenant install', () => {
    expect(attempt(['127.0.0.1'], '127.0.0.1', 80, 'localhost', ['127.0.0.0/8'])).not.toThrow();
    expect(attempt(['127.0.0.1'], '10.0.0.1', 80, 'x', ['127.0.0.0/8'])).toThrow(BlockedAddressError);
  });

  it('leaves the operator allow-list and public addresses as they were', () => {
    expect(() => createAddressPolicy(['127.0.0.1'], workspaceAllowFor([])).assertAllowed('localhost', 80, ['127.0.0.1'])).not.toThrow();
    expect(attempt([], '93.184.216.34')).not.toThrow();
  });
});

describe('checking a workspace allow-list entry', () => {
  const check = createWorkspaceAllowCheck();

  it.each(['10.0.0.0/8', '10.2.3.4', '172.16.5.0/24', '192.168.0.10:5432', '100.64.1.1', 'fd00::/8', '[fd00::1]:443', 'billing.internal', 'crm.corp.example:8443'])('accepts %s', (entry) => {
    expect(check(entry)).toBeUndefined();
  });

  it.each(['127.0.0.1', '169.254.169.254', '0.0.0.0/0', '10.0.0.0/7', '8.8.8.8', '::1', 'fe80::/10'])('refuses %s as outside the allowable ranges', (entry) => {
    expect(check(entry)).toMatch(/is outside the ranges a workspace may open .* only be allowed by the operator \(WEFT_HTTP_ALLOW\)/);
  });

  it.each(['http://10.0.0.1', 'a b', '10.0.0.1:99999', ''])('refuses the malformed %j', (entry) => {
    expect(check(entry)).toMatch(/is not an IP address, a CIDR or a host name/);
  });
});
