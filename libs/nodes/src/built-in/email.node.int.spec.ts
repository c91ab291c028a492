import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '@weft/testing';
import type { NodeCredentials } from '../credentials/node-credential.js';
import { REDACTED } from '../credentials/redact.js';
import { createHostGuard } from '../host-guard/host-guard.js';
import { failure } from '../test-support/expect-failure.js';
import { memoryLogger, runNode, testServices } from '../test-support/run-node.js';
import { validateUnresolvedConfig } from '../registry.js';
import { emailNode } from './email.node.js';

const PASSWORD = 'smtp-s3cret-canary';
const services = testServices({ guardHost: createHostGuard({ allow: ['127.0.0.1'] }) });

let open: SmtpCapture;
let authed: SmtpCapture;

beforeAll(async () => {
  open = await startSmtpCapture({ rejectRecipient: (to) => (to.startsWith('gone@') ? 550 : to.startsWith('later@') ? 451 : undefined) });
  authed = await startSmtpCapture({ auth: { user: 'mailer', password: PASSWORD } });
});
afterAll(async () => {
  await open.close();
  await authed.close();
});

const smtp = (server: SmtpCapture, values: Record<string, string> = {}): NodeCredentials => ({
  smtp: { id: 'smtp', type: 'smtp', values: { host: '127.0.0.1', port: String(server.port), ...values } },
});
const mail = { credentialId: 'smtp', from: 'weft@example.com', to: 'ada@example.com', subject: 'Report {{ day }}', text: 'Rows: {{ count }}' };

describe('email node', () => {
  it('sends a templated mail and reports accepted and rejected recipients', async () => {
    const result = await runNode(emailNode, { ...mail, to: ['ada@example.com', 'gone@example.com'], cc: 'bob@example.com', html: '<b>{{ count }}</b>' }, { credentials: smtp(open), services, input: { day: '2030-01-01', count: 3 } });
    expect(result).toMatchObject({ kind: 'completed', output: { accepted: ['ada@example.com', 'bob@example.com'], rejected: ['gone@example.com'] } });
    expect((result as unknown as { output: { messageId: string } }).output.messageId).toMatch(/@/);
    const sent = open.mails.at(-1)!;
    expect(sent.to).toEqual(['ada@example.com', 'bob@example.com']);
    expect(sent.raw).toMatch(/Subject: Report 2030-01-01/);
    expect(sent.raw).toContain('Rows: 3');
  });

  it('authenticates with the credential and never shows the password', async () => {
    const result = await runNode(emailNode, { ...mail, text: `pw ${PASSWORD}` }, { credentials: smtp(authed, { user: 'mailer', password: PASSWORD }), services });
    expect(result.kind).toBe('completed');
    expect(authed.mails.at(-1)!.user).toBe('mailer');
    const log = memoryLogger();
    const error = await failure(runNode(emailNode, mail, { credentials: smtp(authed, { user: 'mailer', password: `${PASSWORD}-wrong` }), services, log }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false });
    expect(error.message).toMatch(/EAUTH.*535/);
    expect(JSON.stringify({ message: error.message, log: log.entries })).not.toContain(PASSWORD);
  });

  it('redacts the password when it shows up in the output', async () => {
    const result = await runNode(emailNode, { ...mail, to: 'ada@example.com' }, { credentials: smtp(open, { password: 'ada@example.com' }), services });
    expect(result).toMatchObject({ output: { accepted: [REDACTED] } });
  });

  it('fails retryably on a 4xx reply, a refused connection or a timeout, not on a 5xx', async () => {
    expect(await failure(runNode(emailNode, { ...mail, to: 'gone@example.com' }, { credentials: smtp(open), services }))).toMatchObject({ retryable: false, message: expect.stringMatching(/550/) as unknown });
    expect(await failure(runNode(emailNode, { ...mail, to: 'later@example.com' }, { credentials: smtp(open), services }))).toMatchObject({ retryable: true, message: expect.stringMatching(/451/) as unknown });
    expect(await failure(runNode(emailNode, mail, { credentials: smtp(open, { port: '1' }), services }))).toMatchObject({ code: 'EXECUTION', retryable: true, message: expect.stringMatching(/^SMTP failed: (ECONNECTION|ESOCKET)/) as unknown });
  });

  it('refuses a private SMTP host that is not allow-listed, before connecting', async () => {
    const before = open.mails.length;
    const error = await failure(runNode(emailNode, mail, { credentials: smtp(open), services: testServices({ guardHost: createHostGuard() }) }));
    expect(error).toMatchObject({ code: 'EXECUTION', retryable: false, message: expect.stringMatching(/^SMTP: Blocked request to .*not allow-listed/) as unknown });
    expect(await failure(runNode(emailNode, mail, { credentials: smtp(open) }))).toMatchObject({ message: expect.stringMatching(/no host guard/) as unknown });
    const bearer: NodeCredentials = { smtp: { id: 'smtp', type: 'bearer', values: { token: 'tok-123' } } };
    expect(await failure(runNode(emailNode, mail, { credentials: bearer, services }))).toMatchObject({ code: 'CONFIG', message: 'credential "smtp" is a bearer credential: this node needs a smtp (or generic) one' });
    expect(open.mails.length).toBe(before);
  });

  it('stops when aborted, closing a connection to a server that stalls', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await failure(runNode(emailNode, mail, { credentials: smtp(open), services, signal: controller.signal }))).toMatchObject({ code: 'ABORTED' });
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket)); // accepts, never greets
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const stalled = new AbortController();
      setTimeout(() => stalled.abort(), 200);
      const started = Date.now();
      const credentials = smtp(open, { port: String((silent.address() as AddressInfo).port) });
      expect(await failure(runNode(emailNode, mail, { credentials, services, signal: stalled.signal }))).toMatchObject({ code: 'ABORTED' });
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect.poll(() => sockets.every((socket) => socket.closed || socket.readableEnded)).toBe(true);
      const slow = await failure(runNode(emailNode, { ...mail, timeoutMs: 300 }, { credentials, services }));
      expect(slow).toMatchObject({ code: 'TIMEOUT', retryable: true });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('rejects literal bad addresses at publish time, not templated ones', () => {
    expect(validateUnresolvedConfig(emailNode, { ...mail, to: ['ok@example.com', 'nope'], from: 'x' }).map((issue) => issue.field)).toEqual(['from', 'to.1']);
    expect(validateUnresolvedConfig(emailNode, { ...mail, to: '{{ input.email }}' })).toEqual([]);
    expect(validateUnresolvedConfig(emailNode, { credentialId: 'smtp', from: 'a@example.com', to: 'b@example.com', subject: 's' }).map((issue) => issue.field)).toEqual(['text']);
  });
});
