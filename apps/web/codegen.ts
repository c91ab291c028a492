import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: the types of every `graphql(…)` document of the web app, from the
 * checked-in contract. Paths are relative to apps/web (the CLI runs there; the freshness test
 * passes it as `cwd`). Regenerate with `npm run codegen`; src/gql is checked in, and
 * src/lib/graphql/codegen.unit.spec.ts fails when it is stale.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  // Specs may hold deliberately broken documents; browser tests talk to the API in Node.
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/e2e/**', '!src/**/*.spec.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      // No masking: results are plain objects that pure, unit-tested modules take as they are.
      presetConfig: { fragmentMasking: false },
      config: {
        // Enums as unions of string literals (what `enumsAsTypes: true` gave before codegen 6).
        enumType: 'string-literal',
        useTypeImports: true,
        // Every custom scalar of schema.graphql, mapped; a new one fails the generation.
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
        // No `skipTypename`: this preset adds `__typename` to a type only where a document selects it.
      },
    },
  },
};

export default config;
