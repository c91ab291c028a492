import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Credential, ReplaceCredentialValuesInput } from '../credential.types.js';

/** Rotates a credential's values; the answer never holds them. */
export class ReplaceCredentialValuesCommand extends Command<Credential> {
  constructor(
    readonly input: ReplaceCredentialValuesInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
