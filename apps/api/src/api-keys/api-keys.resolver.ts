import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Requires } from '../auth/requires.decorator.js';
import { Caller, type RequestContext } from '../context/request-context.js';
import { ApiKey, CreateApiKeyInput, CreatedApiKey } from './api-key.types.js';
import { ApiKeysService } from './api-keys.service.js';

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Requires('admin')
  @Query(() => [ApiKey], { description: "The workspace's API keys (never their secrets)." })
  apiKeys(@Caller() caller: RequestContext) {
    return this.keys.list(caller);
  }

  @Requires('admin')
  @Mutation(() => CreatedApiKey, { description: 'Creates a workspace API key; its secret is returned once.' })
  createApiKey(@Caller() caller: RequestContext, @Args('input') input: CreateApiKeyInput) {
    return this.keys.create(caller, input.name, input.role);
  }

  @Requires('admin')
  @Mutation(() => ApiKey, { description: 'Revokes a key: requests with it are refused within seconds.' })
  revokeApiKey(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.keys.revoke(caller, id);
  }
}
