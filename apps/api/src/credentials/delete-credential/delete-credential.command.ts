import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Credential } from '../credential.types.js';

/** Deletes a credential: nodes that name it fail from their next attempt. */
export class DeleteCredentialCommand extends Command<Credential> {
  constructor(
    readonly credentialId: string,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
