import pg from 'pg';
import { Redis } from 'ioredis';
import { createPrisma, type PrismaClient } from '@weft/db';
import { LivePublisher, LiveSubscriber, type LiveListener } from '@weft/bus';
import { PgEventStore } from '@weft/event-store';
import { createGuardedFetch, defaultRegistry, type NodeRegistry } from '@weft/nodes';
import type { NodeTypeCatalog } from '@weft/domain';
import { createAggregates, type Aggregates } from '../commands/aggregates.js';
import type { WeftConfig } from '../config/weft-config.js';
import { createLogger, type Logger } from '../logger.js';

/**
 * The connections and services every role shares, created once per process
 * from the configuration and closed together.
 */
export type Platform = {
  config: WeftConfig;
  logger: Logger;
  pool: pg.Pool;
  prisma: PrismaClient;
  /** For commands (never blocking reads: those get their own connection). */
  redis: Redis;
  store: PgEventStore;
  registry: NodeRegistry;
  catalog: NodeTypeCatalog;
  aggregates: Aggregates;
  live: { subscribe(runId: string, listener: LiveListener): Promise<() => Promise<void>>; publisher: LivePublisher };
  services: { fetch: typeof fetch; now(): Date };
  /** A new Redis connection with the platform's settings (for blocking reads, subscriptions). */
  newRedis(): Redis;
  close(): Promise<void>;
};

export async function createPlatform(config: WeftConfig, options: { logger?: Logger; registry?: NodeRegistry } = {}): Promise<Platform> {
  const logger = options.logger ?? createLogger({ service: 'weft' });
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.pgPoolSize });
  pool.on('error', (error) => logger.warn('idle PostgreSQL client error', { error: error.message }));
  await pool.query('SELECT 1').catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${new URL(config.databaseUrl).host}: ${error.message}`);
  });
  const prisma = createPrisma(config.databaseUrl, { max: Math.max(2, Math.ceil(config.pgPoolSize / 2)) });
  const redisConnections: Redis[] = [];
  const newRedis = () => {
    const redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    redis.on('error', (error) => logger.warn('Redis connection error', { error: error.message }));
    redisConnections.push(redis);
    return redis;
  };
  const redis = newRedis();
  const store = new PgEventStore(pool);
  const registry = options.registry ?? defaultRegistry();
  const catalog = registry.toCatalog();
  const subscriber = new LiveSubscriber(newRedis(), config.redisPrefix);
  return {
    config,
    logger,
    pool,
    prisma,
    redis,
    store,
    registry,
    catalog,
    aggregates: createAggregates(store, catalog),
    live: { subscribe: (runId, listener) => subscriber.subscribe(runId, listener), publisher: new LivePublisher(redis, config.redisPrefix) },
    services: { fetch: createGuardedFetch({ allow: config.http.allow }), now: () => new Date() },
    newRedis,
    async close() {
      await subscriber.close();
      for (const connection of redisConnections) connection.disconnect();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
