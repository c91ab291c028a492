import nodemailer from 'nodemailer';
import { z } from 'zod';
import { configCredentialIds, credentialFlag, credentialPort, credentialValues } from '../connections/connection-credential.js';
import { abortion, guardConnection } from '../connections/guard-connection.js';
import { isIpHost } from '../http/address-policy.js';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { describeSmtpError, isRetryableSmtpError } from './email-errors.js';

export const MAX_EMAIL_TIMEOUT_MS = 120_000;
export const MAX_EMAIL_RECIPIENTS = 100;

const address = z.email({ error: 'must be an email address' }).max(320);
const addresses = z.union([address, z.array(address).min(1).max(MAX_EMAIL_RECIPIENTS)]);

const emailConfigSchema = z
  .strictObject({
    /** An SMTP credential: host, port (default 587, or 465 when secure), secure ("true" for TLS from the start), user, password. */
    credentialId: z.string().min(1).max(200),
    from: address,
    to: addresses,
    cc: addresses.optional(),
    bcc: addresses.optional(),
    subject: z.string().max(998).refine((value) => !/[\r\n]/.test(value), 'may not contain line breaks'),
    text: z.string().max(1_000_000).optional(),
    html: z.string().max(1_000_000).optional(),
    timeoutMs: z.number().int().min(1).max(MAX_EMAIL_TIMEOUT_MS).default(30_000),
  })
  .refine((config) => config.text !== undefined || config.html !== undefined, { message: 'give text, html or both', path: ['text'] });

export type EmailConfig = z.infer<typeof emailConfigSchema>;

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Sends one email over SMTP with nodemailer, through a transport made for this attempt
 * from the decrypted credential. The SMTP host is checked with the worker's SSRF policy
 * (WEFT_HTTP_ALLOW) and connected to at the checked address. Output
 * `{ messageId, accepted, rejected }`. Connection failures, timeouts and 4xx replies are
 * retryable, 5xx replies are not; messages name the host and the SMTP reply, never the password.
 */
export const emailNode: NodeDefinition<EmailConfig> = {
  type: 'email',
  title: 'Send email',
  description: 'Sends an email over SMTP with an SMTP credential; returns the message id and the accepted and rejected recipients.',
  category: 'integration',
  configSchema: emailConfigSchema,
  credentials: configCredentialIds,
  async execute({ config, signal, services, credentials }) {
    const values = credentialValues(credentials, config.credentialId, 'smtp');
    const host = values.host;
    if (!host) throw new NodeExecutionError('CONFIG', `credential "${config.credentialId}" has no "host" value, which an SMTP connection needs`, false, { field: 'credentialId' });
    const secure = credentialFlag(values.secure);
    const port = credentialPort(values.port, secure ? 465 : 587, config.credentialId);
    const what = 'SMTP';
    const address = await guardConnection(services, what, host, port);
    const transport = nodemailer.createTransport({
      host: address,
      port,
      secure,
      ...(values.user ? { auth: { user: values.user, pass: values.password ?? '' } } : {}),
      ...(isIpHost(host) ? {} : { tls: { servername: host } }),
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
      dnsTimeout: config.timeoutMs,
    });
    const aborted = abortion(signal);
    try {
      const sending = transport.sendMail({ from: config.from, to: list(config.to), cc: list(config.cc), bcc: list(config.bcc), subject: config.subject, text: config.text, html: config.html, signal });
      // nodemailer closes the connection on abort; the race makes sure the attempt stops at once even so.
      sending.catch(() => undefined);
      const info = await Promise.race([sending, aborted.promise]);
      return { kind: 'completed', output: { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String) } };
    } catch (error) {
      if (error instanceof NodeExecutionError) throw error;
      throw new NodeExecutionError(isTimeout(error) ? 'TIMEOUT' : 'EXECUTION', `${what} failed: ${describeSmtpError(error)}`, isRetryableSmtpError(error), { cause: error });
    } finally {
      aborted.dispose();
      transport.close();
    }
  },
};

const isTimeout = (error: unknown): boolean => (error as { code?: unknown }).code === 'ETIMEDOUT';
