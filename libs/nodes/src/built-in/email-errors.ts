type SmtpError = { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** A permanent SMTP reply (5xx) is not worth retrying; a 4xx reply, a timeout or a connection failure may be. */
export function isRetryableSmtpError(error: unknown): boolean {
  const { responseCode } = (error ?? {}) as SmtpError;
  return !(typeof responseCode === 'number' && responseCode >= 500);
}

/** The nodemailer code and the server's reply (`EENVELOPE 550 5.1.1 no such user`), or the message. Never the credential. */
export function describeSmtpError(error: unknown): string {
  const { code, responseCode, response, message } = (error ?? {}) as SmtpError;
  const parts: string[] = [];
  if (typeof code === 'string') parts.push(code);
  if (typeof response === 'string') parts.push(clip(response.replace(/\s+/g, ' ').trim()));
  else if (typeof responseCode === 'number') parts.push(String(responseCode));
  else if (typeof message === 'string') parts.push(clip(message));
  return parts.join(' ') || 'unknown error';
}
