import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { checkCredentialType, checkCredentialValues, ConflictError, CREDENTIAL_STREAM_TYPE, credentialSecretContext } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { credentialFromState, type ExistingCredential } from '../credential.mapper.js';
import type { Credential } from '../credential.types.js';
import { CreateCredentialCommand } from './create-credential.command.js';

/** Credentials one workspace may have at once. */
export const MAX_CREDENTIALS_PER_WORKSPACE = 200;

@CommandHandler(CreateCredentialCommand)
export class CreateCredentialHandler implements ICommandHandler<CreateCredentialCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller }: CreateCredentialCommand): Promise<Credential> {
    // Checked in clear here, the only time the API holds the values; the decider only sees them sealed.
    const values = checkCredentialValues(checkCredentialType(input.type), input.values);
    const { rows } = await this.platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM streams WHERE stream_type = $1 AND workspace_id = $2 AND NOT closed', [
      CREDENTIAL_STREAM_TYPE,
      caller.workspaceId,
    ]);
    if ((rows[0]?.n ?? 0) >= MAX_CREDENTIALS_PER_WORKSPACE) throw new ConflictError(`a workspace has at most ${MAX_CREDENTIALS_PER_WORKSPACE} credentials: delete one first`);
    const credentialId = crypto.randomUUID();
    const result = await this.platform.aggregates.credentials.handle({
      type: 'CreateCredential',
      data: { credentialId, name: input.name, credentialType: input.type, fields: Object.keys(values), values: this.platform.secrets.seal(JSON.stringify(values), credentialSecretContext(credentialId)) },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return credentialFromState(result.state as ExistingCredential);
  }
}
