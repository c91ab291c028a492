/** A credential as a node sees it during one attempt: decrypted values, never stored. */
export type NodeCredential = { id: string; type: 'bearer' | 'basic' | 'header' | 'oauth2' | 'smtp' | 'postgres' | 'generic'; values: Readonly<Record<string, string>> };

/** The credentials of one attempt, by id: those the node's `credentials(config)` named. */
export type NodeCredentials = Readonly<Record<string, NodeCredential>>;
