/**
 * Compile-time checks between the generated GraphQL types and the app's own (domain) types.
 * `Assignable<From, To>` fails to compile unless every `From` value is a valid `To`: e.g. a
 * domain type kept narrower or wider than a generated result must stay compatible with it.
 */
export type Assignable<From extends To, To> = [From, To];
