export { createPrisma, Prisma, type PrismaClient } from './prisma.js';
export { migrate } from './migrate/migrate.js';
export { ensureDatabase, dropDatabase } from './migrate/ensure-database.js';
export { migrationsDir, schemaPath, prismaDir } from './migrate/paths.js';
