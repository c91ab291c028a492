import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Requires } from '../auth/requires.decorator.js';
import { Caller, type RequestContext } from '../context/request-context.js';
import { Credential, CreateCredentialInput, ReplaceCredentialValuesInput } from './credential.types.js';
import { CreateCredentialCommand } from './create-credential/create-credential.command.js';
import { DeleteCredentialCommand } from './delete-credential/delete-credential.command.js';
import { ReplaceCredentialValuesCommand } from './replace-credential-values/replace-credential-values.command.js';
import { CredentialsQueries } from './credentials.queries.js';

@Resolver(() => Credential)
export class CredentialsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: CredentialsQueries,
  ) {}

  @Query(() => [Credential], { description: "The workspace's credentials by name: names, types and field names, never values." })
  credentials(@Caller() caller: RequestContext) {
    return this.queries.list(caller.workspaceId);
  }

  @Requires('admin')
  @Mutation(() => Credential, { description: 'Stores a credential, encrypted; its values can be replaced but never read back.' })
  createCredential(@Caller() caller: RequestContext, @Args('input') input: CreateCredentialInput) {
    return this.commands.execute(new CreateCredentialCommand(input, caller));
  }

  @Requires('admin')
  @Mutation(() => Credential, { description: "Replaces a credential's values (rotation); node attempts that start afterwards use the new ones." })
  replaceCredentialValues(@Caller() caller: RequestContext, @Args('input') input: ReplaceCredentialValuesInput) {
    return this.commands.execute(new ReplaceCredentialValuesCommand(input, caller));
  }

  @Requires('admin')
  @Mutation(() => Credential, { description: 'Deletes a credential: nodes that name it fail (CONFIG) from their next attempt.' })
  deleteCredential(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.commands.execute(new DeleteCredentialCommand(id, caller));
  }
}
