import { ExampleError } from './example-errors.js';
import type { ExampleFile } from './example-file.js';

/** `<<name>>`: a parameter's value goes here (inside any string of the graph or triggers). */
const PLACEHOLDER = /<<([A-Za-z][A-Za-z0-9_]*)>>/g;

export type ExampleInstance = { name: string; description: string; graph: unknown; triggers: unknown[] };

/**
 * The example with every placeholder replaced: a given value, else the parameter's
 * default. Refuses values for undeclared parameters, missing required ones, and
 * placeholders naming a parameter the file does not declare. With `keepMissing` (a draft
 * for someone to finish on the canvas), a required parameter without a value stays
 * `<<name>>` instead. Pure.
 */
export function instantiateExample(example: ExampleFile, values: Record<string, string>, options: { keepMissing?: boolean } = {}): ExampleInstance {
  const unknown = Object.keys(values).filter((name) => !(name in example.parameters));
  if (unknown.length) throw new ExampleError(`${example.name}: no parameter ${unknown.map((n) => `"${n}"`).join(', ')} (it has: ${Object.keys(example.parameters).join(', ') || 'none'})`);
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, parameter] of Object.entries(example.parameters)) {
    const value = values[name] ?? parameter.default;
    if (value !== undefined) resolved[name] = value;
    else if (options.keepMissing) resolved[name] = `<<${name}>>`;
    else missing.push(name);
  }
  if (missing.length) throw new ExampleError(`${example.name}: missing ${missing.map((n) => `"${n}" (${example.parameters[n]!.description})`).join(', ')}`);
  const fill = (value: unknown, path: string): unknown => {
    if (typeof value === 'string')
      return value.replace(PLACEHOLDER, (_, name: string) => {
        const replacement = resolved[name];
        if (replacement === undefined) throw new ExampleError(`${example.name}: ${path} uses <<${name}>>, which is not a declared parameter`);
        return replacement;
      });
    if (Array.isArray(value)) return value.map((item, index) => fill(item, `${path}[${index}]`));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, `${path}.${key}`)]));
    return value;
  };
  return { name: example.name, description: example.description, graph: fill(example.graph, 'graph'), triggers: fill(example.triggers, 'triggers') as unknown[] };
}
