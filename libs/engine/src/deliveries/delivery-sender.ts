import pg from 'pg';
import type { SealedSecret } from '@weft/domain';
import type { Logger } from '../logger.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { DELIVERIES_CHANNEL } from './delivery-planner.js';
import { retryDelayMs, type DeliveryRetry } from './retry-delay.js';
import { signDelivery, signingSecretContext } from './signing.js';

export type DeliverySenderOptions = {
  pool: pg.Pool;
  /** The SSRF-guarded fetch (WEFT_HTTP_ALLOW lists the private addresses it may reach). */
  fetch: typeof fetch;
  secrets: SecretBox;
  logger: Logger;
  settings: DeliveryRetry & { timeoutMs: number };
  /** Requests in flight at once. Default 16. */
  concurrency?: number;
  /** Longest sleep without a notification or a delivery coming due. Default 1000. */
  idlePollMs?: number;
  random?: () => number;
};

type Claimed = { id: string; subscription_id: string; event_type: string; payload: unknown; attempts: number; url: string; secret: SealedSecret };
type Outcome = { ok: boolean; statusCode: number | null; error: string | null; startedAt: Date; durationMs: number };

const ERROR_SNIPPET = 200;

/**
 * Sends due deliveries: POSTs each payload, signed, to its subscription's URL; 2xx settles
 * it as delivered, anything else (or no answer within the time limit) is retried with
 * backoff until `maxAttempts`, then it is failed. Several senders may run (no leader):
 * each claims rows with FOR UPDATE SKIP LOCKED in one short statement, and a claim is a
 * lease (a sender that dies mid-request leaves it to be retried when the lease ends).
 *
 * Order: a run's deliveries to one subscription go one at a time, in the run's order —
 * one is claimed only while no earlier one is pending. A failed one (attempts used up)
 * no longer holds the later ones back.
 */
export class DeliverySender {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private loop: Promise<void> | undefined;
  private listening: Promise<void> | undefined;

  constructor(private readonly options: DeliverySenderOptions) {}

  start(): void {
    this.loop = this.run();
    this.listening = this.listen();
  }

  /** Stops claiming, lets the requests in flight finish (each within the time limit), and returns. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake();
    await Promise.all([this.loop, this.listening]);
    await Promise.all(this.inFlight);
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 16;
    const idlePollMs = this.options.idlePollMs ?? 1000;
    let failures = 0;
    while (!this.stopped) {
      this.woken = false;
      try {
        const free = concurrency - this.inFlight.size;
        const claimed = free > 0 ? await this.claim(free) : [];
        for (const delivery of claimed) this.track(this.deliver(delivery));
        failures = 0;
        if (free > 0 && claimed.length === free) continue; // maybe more are due
        await this.sleep(free > 0 ? Math.min(idlePollMs, await this.untilNextDue()) : idlePollMs);
      } catch (error) {
        failures += 1;
        this.options.logger.warn('delivery sender: database error', { error: messageOf(error), failures });
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  private track(sending: Promise<void>): void {
    const tracked = sending
      .catch((error: unknown) => this.options.logger.warn('delivery sender: could not record an attempt (it is retried when its lease ends)', { error: messageOf(error) }))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake(); // a slot is free, and the run's next delivery may now go
      });
    this.inFlight.add(tracked);
  }

  /** Claims up to `limit` due deliveries, each the earliest pending one of its run and subscription, for one lease. */
  private async claim(limit: number): Promise<Claimed[]> {
    const leaseMs = 2 * this.options.settings.timeoutMs + 5000;
    const { rows } = await this.options.pool.query<Claimed>(
      `WITH due AS (
         SELECT d.id FROM deliveries d
           JOIN event_subscriptions s ON s.id = d.subscription_id AND s.deleted_at IS NULL
          WHERE d.status = 'pending' AND d.next_attempt_at <= now()
            AND NOT EXISTS (SELECT 1 FROM deliveries e WHERE e.subscription_id = d.subscription_id AND e.run_id = d.run_id AND e.seq < d.seq AND e.status = 'pending')
          ORDER BY d.next_attempt_at, d.event_position
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED)
       UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now()
         FROM due, event_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.event_type, d.payload, d.attempts, s.url, s.secret`,
      [limit, leaseMs],
    );
    return rows;
  }

  /**
   * Milliseconds until the next pending delivery comes due (a retry, or a lease that ends).
   * Those due already but not claimed wait for an earlier delivery of their run: its end
   * wakes this loop (or, settled by another sender, the next poll finds them).
   */
  private async untilNextDue(): Promise<number> {
    const { rows } = await this.options.pool.query<{ ms: number | null }>(
      `SELECT ceil(extract(epoch FROM (min(next_attempt_at) - now())) * 1000)::float8 AS ms FROM deliveries WHERE status = 'pending' AND next_attempt_at > now()`,
    );
    return rows[0]?.ms ?? Infinity;
  }

  private async deliver(delivery: Claimed): Promise<void> {
    const outcome = await this.post(delivery);
    const { pool, settings } = this.options;
    const attempt = [delivery.id, delivery.attempts, outcome.startedAt, outcome.durationMs, outcome.statusCode, outcome.error];
    if (outcome.ok) {
      // A late success still settles it, even if its lease ended and another attempt began.
      await pool.query(
        `WITH logged AS (INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING)
         UPDATE deliveries SET status = 'delivered', delivered_at = now(), last_status_code = $5, last_error = NULL, updated_at = now() WHERE id = $1 AND status = 'pending'`,
        attempt,
      );
      return;
    }
    const delayMs = retryDelayMs(settings, delivery.attempts, (this.options.random ?? Math.random)());
    // Fenced by attempt: a superseded attempt's failure changes nothing. The run's later
    // deliveries wait for this one anyway: they are not due before its retry, so claims skip them.
    await pool.query(
      `WITH logged AS (INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING),
       failed AS (
         UPDATE deliveries SET status = CASE WHEN attempts >= $7 THEN 'failed' ELSE 'pending' END,
                next_attempt_at = CASE WHEN attempts >= $7 THEN next_attempt_at ELSE now() + $8 * interval '1 millisecond' END,
                last_status_code = $5, last_error = $6, updated_at = now()
          WHERE id = $1 AND attempts = $2 AND status = 'pending'
          RETURNING subscription_id, run_id, seq, status, next_attempt_at)
       UPDATE deliveries later SET next_attempt_at = failed.next_attempt_at
         FROM failed
        WHERE failed.status = 'pending' AND later.subscription_id = failed.subscription_id AND later.run_id = failed.run_id
          AND later.seq > failed.seq AND later.status = 'pending' AND later.next_attempt_at < failed.next_attempt_at`,
      [...attempt, settings.maxAttempts, delayMs],
    );
    if (delivery.attempts >= settings.maxAttempts) this.options.logger.warn('delivery failed for good', { deliveryId: delivery.id, subscriptionId: delivery.subscription_id, attempts: delivery.attempts, error: outcome.error });
  }

  private async post(delivery: Claimed): Promise<Outcome> {
    const startedAt = new Date();
    const { timeoutMs } = this.options.settings;
    const result = (ok: boolean, statusCode: number | null, error: string | null): Outcome => ({ ok, statusCode, error, startedAt, durationMs: Date.now() - startedAt.getTime() });
    let secret: string;
    try {
      secret = this.options.secrets.open(delivery.secret, signingSecretContext(delivery.subscription_id));
    } catch (error) {
      return result(false, null, `the signing secret cannot be opened: ${messageOf(error)}`);
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = String(Math.floor(startedAt.getTime() / 1000));
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await this.options.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Weft-Webhooks/1',
          'weft-delivery-id': delivery.id,
          'weft-event': delivery.event_type,
          'weft-timestamp': timestamp,
          'weft-signature': signDelivery(secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: timeout,
      });
      if (response.status >= 200 && response.status < 300) {
        await response.body?.cancel().catch(() => undefined);
        return result(true, response.status, null);
      }
      const snippet = await readSnippet(response);
      return result(false, response.status, `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`);
    } catch (error) {
      return result(false, null, timeout.aborted ? `no answer within ${timeoutMs} ms` : describeNetworkError(error));
    }
  }

  /** Listens for new deliveries on a connection of its own; polling covers a lost connection. */
  private async listen(): Promise<void> {
    while (!this.stopped) {
      const client = new pg.Client({ ...this.options.pool.options, application_name: 'weft-delivery-sender', keepAlive: true });
      const ended = new Promise<void>((resolve) => {
        client.on('end', resolve);
        client.on('error', (error) => {
          this.options.logger.warn('delivery sender: notification connection lost', { error: error.message });
          resolve();
        });
        this.stopping.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      client.on('notification', () => this.wake());
      try {
        await client.connect();
        await client.query(`LISTEN ${DELIVERIES_CHANNEL}`);
        this.wake(); // anything written before LISTEN is found now
        await ended;
      } catch (error) {
        this.options.logger.warn('delivery sender: cannot listen for new deliveries; polling', { error: messageOf(error) });
      } finally {
        await client.end().catch(() => undefined);
      }
      if (!this.stopped) await this.pause(1000);
    }
  }

  /** Resolves after `ms`, or at once when the sender stops. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.stopping.signal;
      signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
  }
}

/** The start of an error answer's body, on one line, for the delivery log. */
async function readSnippet(response: Response): Promise<string> {
  try {
    const reader = response.body?.getReader();
    if (!reader) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < ERROR_SNIPPET * 4) {
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done || !value) break;
      chunks.push(value);
      size += value.length;
    }
    await reader.cancel().catch(() => undefined);
    return Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, ERROR_SNIPPET);
  } catch {
    return '';
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const message = messageOf(error);
  if (typeof cause?.code === 'string') return `${message} (${cause.code})`;
  if (typeof cause?.message === 'string') return `${message} (${cause.message})`;
  return message;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
