import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '@/gql';

/** Documents of the version history panel and the visual diff; their types are generated from `schema.graphql` (`npm run codegen`). */

export const WORKFLOW_VERSIONS = graphql(`
  query WorkflowVersions($id: ID!) {
    workflow(id: $id) { id versions { version publishedAt } audit(first: 100) { nodes { action at detail actor { kind name } } } }
  }
`);
export type AuditEntry = NonNullable<ResultOf<typeof WORKFLOW_VERSIONS>['workflow']>['audit']['nodes'][number];

export const DIFF_EDGE_ENDS = graphql(`
  fragment DiffEdgeEnds on DiffEdge { id source target sourceHandle }
`);

export const WORKFLOW_VERSION_DIFF = graphql(`
  query WorkflowVersionDiff($id: ID!, $from: Int!, $to: Int!) {
    workflowVersionDiff(workflowId: $id, from: $from, to: $to) {
      settingsChanged
      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }
      edges {
        added { ...DiffEdgeEnds }
        removed { ...DiffEdgeEnds }
        changed { id fields before { ...DiffEdgeEnds } after { ...DiffEdgeEnds } }
      }
    }
    to: workflowVersion(workflowId: $id, version: $to) { graph }
  }
`);
export type VersionDiff = ResultOf<typeof WORKFLOW_VERSION_DIFF>['workflowVersionDiff'];
