import { describe, expect, it } from 'vitest';
import { describeSmtpError, isRetryableSmtpError } from './email-errors.js';

describe('SMTP errors', () => {
  it('retries 4xx replies and failures without a reply, not 5xx replies', () => {
    expect(isRetryableSmtpError({ code: 'EENVELOPE', responseCode: 451 })).toBe(true);
    expect(isRetryableSmtpError({ code: 'ECONNECTION' })).toBe(true);
    expect(isRetryableSmtpError({ code: 'ETIMEDOUT' })).toBe(true);
    expect(isRetryableSmtpError({ code: 'EENVELOPE', responseCode: 550 })).toBe(false);
    expect(isRetryableSmtpError({ code: 'EAUTH', responseCode: 535 })).toBe(false);
  });

  it('describes the code and the reply, clipped', () => {
    expect(describeSmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1  no\r\nsuch user' })).toBe('EENVELOPE 550 5.1.1 no such user');
    expect(describeSmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' })).toBe('ECONNECTION connect ECONNREFUSED');
    expect(describeSmtpError(new Error('x'.repeat(400)))).toHaveLength(301);
    expect(describeSmtpError(undefined)).toBe('unknown error');
  });
});
