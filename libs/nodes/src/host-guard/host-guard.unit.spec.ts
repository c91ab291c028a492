import { describe, expect, it } from 'vitest';
import { BlockedAddressError } from '../http/blocked-address-error.js';
import { createHostGuard } from './host-guard.js';

describe('createHostGuard', () => {
  it('refuses loopback, private and metadata addresses unless allow-listed', async () => {
    const guard = createHostGuard();
    await expect(guard('127.0.0.1', 5432)).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(guard('10.1.2.3', 25)).rejects.toBeInstanceOf(BlockedAddressError);
    await expect(guard('169.254.169.254', 25)).rejects.toThrow(/metadata/);
  });

  it('returns the checked address, resolving names through the resolver', async () => {
    const guard = createHostGuard({ allow: ['127.0.0.1'], resolver: () => Promise.resolve(['127.0.0.1']) });
    await expect(guard('127.0.0.1', 5432)).resolves.toBe('127.0.0.1');
    await expect(guard('db.internal', 5432)).resolves.toBe('127.0.0.1');
    await expect(createHostGuard({ resolver: () => Promise.resolve(['93.184.216.34']) })('mail.example.com', 587)).resolves.toBe('93.184.216.34');
  });

  it('refuses a name whose addresses include a private one (rebinding) and reports DNS failures', async () => {
    const guard = createHostGuard({ resolver: () => Promise.resolve(['93.184.216.34', '10.0.0.1']) });
    await expect(guard('mixed.example.com', 25)).rejects.toBeInstanceOf(BlockedAddressError);
    const failing = createHostGuard({ resolver: () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })) });
    await expect(failing('nowhere.example', 25)).rejects.toThrow('Could not resolve nowhere.example (ENOTFOUND)');
  });
});
