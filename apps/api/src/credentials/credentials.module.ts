import { Module } from '@nestjs/common';
import { CreateCredentialHandler } from './create-credential/create-credential.handler.js';
import { CredentialsQueries } from './credentials.queries.js';
import { CredentialsResolver } from './credentials.resolver.js';
import { DeleteCredentialHandler } from './delete-credential/delete-credential.handler.js';
import { ReplaceCredentialValuesHandler } from './replace-credential-values/replace-credential-values.handler.js';

/** Workspace credentials: write-only values, sealed at once, opened only by workers. */
@Module({ providers: [CredentialsResolver, CredentialsQueries, CreateCredentialHandler, ReplaceCredentialValuesHandler, DeleteCredentialHandler] })
export class CredentialsModule {}
