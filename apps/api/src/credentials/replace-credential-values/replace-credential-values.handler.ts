import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { checkCredentialValues, credentialSecretContext, credentialStreamId, NotFoundError } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { credentialFromState, type ExistingCredential } from '../credential.mapper.js';
import type { Credential } from '../credential.types.js';
import { ReplaceCredentialValuesCommand } from './replace-credential-values.command.js';

@CommandHandler(ReplaceCredentialValuesCommand)
export class ReplaceCredentialValuesHandler implements ICommandHandler<ReplaceCredentialValuesCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller }: ReplaceCredentialValuesCommand): Promise<Credential> {
    const { state } = await this.platform.aggregates.credentials.loadInWorkspace(credentialStreamId(input.id), caller.workspaceId);
    if (!state.exists || state.deleted) throw new NotFoundError('credential', input.id);
    const values = checkCredentialValues(state.credentialType, input.values);
    // Sealed with the current key: replacing values is also how a credential moves off a retired key.
    const result = await this.platform.aggregates.credentials.handle({
      type: 'ReplaceCredentialValues',
      data: { credentialId: input.id, fields: Object.keys(values), values: this.platform.secrets.seal(JSON.stringify(values), credentialSecretContext(input.id)) },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return credentialFromState(result.state as ExistingCredential);
  }
}
