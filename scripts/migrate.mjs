// Applies prisma/migrations to DATABASE_URL (creating the database if needed),
// through Prisma's WebAssembly schema engine: no downloaded binary required.
import { migrate } from '../libs/db/dist/index.js';

const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/weft';
const applied = await migrate(url);
console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema up to date');
