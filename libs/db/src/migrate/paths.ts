import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's `prisma/` folder, found from this file in `src/` or `dist/`. */
export const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../prisma');
export const schemaPath = path.join(prismaDir, 'schema.prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
