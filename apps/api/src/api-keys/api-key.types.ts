import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ApiKeyRole {
  member = 'member',
  admin = 'admin',
}
registerEnumType(ApiKeyRole, { name: 'ApiKeyRole', description: 'What a key may do in its workspace: members read and run, admins also edit.' });

@ObjectType({ description: 'A workspace API key for machine clients. The secret is shown once, at creation.' })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'The first characters of the key, to recognise it.' })
  start!: string | null;

  @Field(() => ApiKeyRole)
  role!: ApiKeyRole;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Not stored in clear: it cannot be shown again.' })
  secret!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field(() => ApiKeyRole, { defaultValue: ApiKeyRole.member })
  role!: ApiKeyRole;
}
