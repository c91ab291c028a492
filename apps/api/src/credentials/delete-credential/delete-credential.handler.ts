import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { credentialFromState, type ExistingCredential } from '../credential.mapper.js';
import type { Credential } from '../credential.types.js';
import { DeleteCredentialCommand } from './delete-credential.command.js';

@CommandHandler(DeleteCredentialCommand)
export class DeleteCredentialHandler implements ICommandHandler<DeleteCredentialCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ credentialId, caller }: DeleteCredentialCommand): Promise<Credential> {
    const result = await this.platform.aggregates.credentials.handle({
      type: 'DeleteCredential',
      data: { credentialId },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return credentialFromState(result.state as ExistingCredential);
  }
}
