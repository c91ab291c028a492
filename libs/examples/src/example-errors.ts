/** Thrown when an example file or the values given for its parameters are wrong; the message names the file, field or parameter. */
export class ExampleError extends Error {
  override readonly name = 'ExampleError';
}
