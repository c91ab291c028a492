import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { Credential, CreateCredentialInput } from '../credential.types.js';

/** Stores a credential in the caller's workspace; the answer never holds its values. */
export class CreateCredentialCommand extends Command<Credential> {
  constructor(
    readonly input: CreateCredentialInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
