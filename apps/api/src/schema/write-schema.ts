import { writeFile } from 'node:fs/promises';
import { buildSchemaText } from './print-schema.js';

/** `npm run schema:write`: regenerates schema.graphql at the repository root. */
const target = new URL('../../../../schema.graphql', import.meta.url);
await writeFile(target, await buildSchemaText());
console.log(`wrote ${target.pathname}`);
