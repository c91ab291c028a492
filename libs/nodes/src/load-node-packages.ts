import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtInNodes } from './built-in/built-in-nodes.js';
import type { NodeDefinition } from './node-definition.js';
import { createNodeRegistry, type NodeRegistry } from './registry.js';

/** Thrown at start-up when a node package (WEFT_NODE_PACKAGES) cannot be loaded or defines a node type badly or twice. */
export class NodePackageError extends Error {}

/**
 * Loads node packages: each module (a package name, or a path starting with `.` or `/`,
 * resolved from `cwd`) exports `nodes: NodeDefinition[]`.
 * @throws NodePackageError naming the package when one is missing or exports something else.
 */
export async function loadNodePackages(specifiers: readonly string[], cwd: string): Promise<{ source: string; definition: NodeDefinition }[]> {
  const loaded: { source: string; definition: NodeDefinition }[] = [];
  for (const specifier of specifiers) {
    let module: { nodes?: unknown };
    try {
      module = (await import(resolveSpecifier(specifier, cwd))) as { nodes?: unknown };
    } catch (error) {
      throw new NodePackageError(`node package "${specifier}" could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!Array.isArray(module.nodes)) throw new NodePackageError(`node package "${specifier}" must export "nodes", an array of node definitions`);
    module.nodes.forEach((definition: unknown, index) => {
      const problem = definitionProblem(definition);
      if (problem) throw new NodePackageError(`node package "${specifier}": nodes[${index}] ${problem}`);
      loaded.push({ source: specifier, definition: definition as NodeDefinition });
    });
  }
  return loaded;
}

/**
 * The built-in nodes plus those of the given packages.
 * @throws NodePackageError when a package fails to load, or a type is defined twice (naming both definers).
 */
export async function loadNodeRegistry(specifiers: readonly string[], cwd: string): Promise<NodeRegistry> {
  const definers = new Map<string, string>(builtInNodes.map((definition) => [definition.type, 'the built-in nodes']));
  const extra = await loadNodePackages(specifiers, cwd);
  for (const { source, definition } of extra) {
    const previous = definers.get(definition.type);
    if (previous) throw new NodePackageError(`node type "${definition.type}" from node package "${source}" is already defined by ${previous}`);
    definers.set(definition.type, `node package "${source}"`);
  }
  return createNodeRegistry([...builtInNodes, ...extra.map(({ definition }) => definition)]);
}

function resolveSpecifier(specifier: string, cwd: string): string {
  const local = specifier.startsWith('.') || path.isAbsolute(specifier);
  const target = local ? path.resolve(cwd, specifier) : specifier;
  try {
    // A file, a folder with a package.json "main", or a package installed where Weft runs.
    return pathToFileURL(createRequire(path.join(cwd, 'package.json')).resolve(target)).href;
  } catch {
    // An ESM-only package (no "require" condition) is resolved by Node from here; a path is imported as is.
    return local ? pathToFileURL(target).href : specifier;
  }
}

const CATEGORIES = new Set(['logic', 'data', 'integration', 'flow']);

function definitionProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'is not an object';
  const d = value as Record<string, unknown>;
  if (typeof d.type !== 'string' || !/^[A-Za-z0-9_.:-]{1,100}$/.test(d.type)) return 'needs a "type" of letters, digits, "_", ".", ":" or "-"';
  if (typeof d.title !== 'string' || typeof d.description !== 'string') return `("${d.type}") needs a "title" and a "description"`;
  if (typeof d.category !== 'string' || !CATEGORIES.has(d.category)) return `("${d.type}") needs a "category": logic, data, integration or flow`;
  if (!d.configSchema || typeof (d.configSchema as { safeParse?: unknown }).safeParse !== 'function') return `("${d.type}") needs a zod "configSchema"`;
  if (typeof d.execute !== 'function') return `("${d.type}") needs an "execute(ctx)" function`;
  return undefined;
}
