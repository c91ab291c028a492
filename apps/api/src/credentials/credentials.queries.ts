import { Inject, Injectable } from '@nestjs/common';
import { CREDENTIAL_STREAM_TYPE } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../platform/platform.module.js';
import { credentialFromState, type ExistingCredential } from './credential.mapper.js';
import type { Credential } from './credential.types.js';

/** Reads of the workspace's credentials, from their streams: metadata only. */
@Injectable()
export class CredentialsQueries {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async list(workspaceId: string): Promise<Credential[]> {
    const { rows } = await this.platform.pool.query<{ stream_id: string }>('SELECT stream_id FROM streams WHERE stream_type = $1 AND workspace_id = $2 AND NOT closed', [
      CREDENTIAL_STREAM_TYPE,
      workspaceId,
    ]);
    const loaded = await Promise.all(rows.map((row) => this.platform.aggregates.credentials.loadInWorkspace(row.stream_id, workspaceId)));
    return loaded
      .map((l) => l.state)
      .filter((s): s is ExistingCredential => s.exists && !s.deleted)
      .sort((a, b) => a.name.localeCompare(b.name) || a.credentialId.localeCompare(b.credentialId))
      .map(credentialFromState);
  }
}
