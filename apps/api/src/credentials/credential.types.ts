import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../graphql/scalars.js';

@ObjectType({ description: 'A workspace credential, as the API shows it: its values are write-only and never read back.' })
export class Credential {
  @Field(() => ID, { description: 'What nodes name in their config (e.g. the http node\'s `auth.credentialId`).' })
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'bearer (token), basic (username, password), header (name, value), oauth2 (tokenUrl, clientId, clientSecret, optional scope), smtp (host; optional port, secure, user, password), postgres (connectionString, or host, port, database, user, password, ssl) or generic (any fields).' })
  type!: string;

  @Field(() => [String], { description: 'The names of its values, sorted; never the values.' })
  fields!: string[];

  @Field()
  createdAt!: Date;

  @Field({ description: 'When it was created, or its values last replaced.' })
  updatedAt!: Date;
}

@InputType()
export class CreateCredentialInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field({ description: 'bearer, basic, header, oauth2, smtp, postgres or generic.' })
  type!: string;

  @Field(() => JSONScalar, { description: 'A JSON object of strings, at most 8 KiB: { token } for bearer, { username, password } for basic, { name, value } for header, anything for generic. Encrypted at once; never returned.' })
  values!: unknown;
}

@InputType()
export class ReplaceCredentialValuesInput {
  @Field(() => ID)
  id!: string;

  @Field(() => JSONScalar, { description: 'The new values, with the fields its type needs. Runs use them from their next node attempt.' })
  values!: unknown;
}
