import { gql } from '@urql/core';

/** Documents of the version history panel and the visual diff (hand-typed against `schema.graphql`). */

export type VersionSummary = { version: number; publishedAt: string };
export type AuditEntry = { action: string; at: string; detail: unknown; actor: { kind: string; name: string | null } };
export const WORKFLOW_VERSIONS = gql<{ workflow: { id: string; versions: VersionSummary[]; audit: { nodes: AuditEntry[] } } | null }, { id: string }>`
  query WorkflowVersions($id: ID!) {
    workflow(id: $id) { id versions { version publishedAt } audit(first: 100) { nodes { action at detail actor { kind name } } } }
  }
`;

export type DiffNode = { id: string; type: string; name: string | null; node: unknown };
export type ChangedNode = { id: string; fields: string[]; before: unknown; after: unknown };
export type DiffEdge = { id: string; source: string; target: string; sourceHandle: string | null };
export type ChangedEdge = { id: string; fields: string[]; before: DiffEdge; after: DiffEdge };
export type VersionDiff = {
  settingsChanged: boolean;
  nodes: { added: DiffNode[]; removed: DiffNode[]; changed: ChangedNode[] };
  edges: { added: DiffEdge[]; removed: DiffEdge[]; changed: ChangedEdge[] };
};

export const WORKFLOW_VERSION_DIFF = gql<{ workflowVersionDiff: VersionDiff; to: { graph: unknown } | null }, { id: string; from: number; to: number }>`
  query WorkflowVersionDiff($id: ID!, $from: Int!, $to: Int!) {
    workflowVersionDiff(workflowId: $id, from: $from, to: $to) {
      settingsChanged
      nodes { added { id type name node } removed { id type name node } changed { id fields before after } }
      edges {
        added { id source target sourceHandle }
        removed { id source target sourceHandle }
        changed { id fields before { id source target sourceHandle } after { id source target sourceHandle } }
      }
    }
    to: workflowVersion(workflowId: $id, version: $to) { graph }
  }
`;
