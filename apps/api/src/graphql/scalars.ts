import { GraphQLJSON } from 'graphql-scalars';

/** Any JSON value: graphs, run inputs, node outputs. */
export const JSONScalar = GraphQLJSON;
