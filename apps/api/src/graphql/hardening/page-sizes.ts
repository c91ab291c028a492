import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql';

/**
 * Resolves every `first:` argument of a document to the page size it asks for, from a literal
 * or from the variables (a variable's default when the variables leave it out), and returns the
 * document with those sizes inlined, so that a cost rule sees `first: $n` as the page it is.
 * Checks every operation of the document; values that are not integers are left for GraphQL's
 * own coercion to refuse.
 */
export function inlinePageSizes(document: DocumentNode, variables: Record<string, unknown> | null | undefined): { document: DocumentNode; sizes: number[] } {
  const defaults = new Map<string, ValueNode>();
  visit(document, { VariableDefinition: (node) => void (node.defaultValue && defaults.set(node.variable.name.value, node.defaultValue)) });
  const sizes: number[] = [];
  const inlined = visit(document, {
    Argument(node) {
      if (node.name.value !== 'first') return undefined;
      const size = sizeOf(node.value, variables ?? {}, defaults);
      if (size === undefined) return undefined;
      sizes.push(size);
      return { ...node, value: { kind: Kind.INT, value: String(size) } };
    },
  });
  return { document: inlined, sizes };
}

function sizeOf(value: ValueNode, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  if (name in variables) {
    const given = variables[name];
    return typeof given === 'number' && Number.isInteger(given) ? given : undefined;
  }
  const fallback = defaults.get(name);
  return fallback?.kind === Kind.INT ? Number(fallback.value) : undefined;
}
