import { canonicalJson, ERROR_HANDLE, ID_PATTERN, isJsonObject, type JsonObject } from '@weft/domain';
import { z } from 'zod';
import { CROSS_FIELD } from '../config-issues.js';
import type { NodeDefinition } from '../node-definition.js';

/** The branch a switch takes when no case matches. */
export const SWITCH_DEFAULT = 'default';
const RESERVED = new Set([SWITCH_DEFAULT, ERROR_HANDLE]);
const MAX_CASES = 50;

const caseSchema = z.strictObject({
  /** The case's branch name, as written (never a template): edges leave by it. */
  branch: z.string(),
  /** The case matches when `value` equals this (deep, key order ignored)… */
  equals: z.unknown().optional(),
  /** …or when this resolves to `true` (usually `{{ … }}`). */
  when: z.boolean().optional(),
});

const switchConfigSchema = z
  .strictObject({
    /** What `equals` cases compare against, usually `{{ … }}`. */
    value: z.unknown().optional(),
    cases: z.array(caseSchema).min(1).max(MAX_CASES),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.cases.forEach((item, index) => {
      const path = ['cases', index, 'branch'];
      if (!ID_PATTERN.test(item.branch)) ctx.addIssue({ code: 'custom', path, params: CROSS_FIELD, message: `must be a name (letters, digits, _ and -), not "${item.branch.slice(0, 40)}"` });
      else if (RESERVED.has(item.branch)) ctx.addIssue({ code: 'custom', path, params: CROSS_FIELD, message: `"${item.branch}" is reserved` });
      else if (seen.has(item.branch)) ctx.addIssue({ code: 'custom', path, params: CROSS_FIELD, message: `branch "${item.branch}" is used by an earlier case` });
      seen.add(item.branch);
      if ((item.equals === undefined) === (item.when === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['cases', index], params: CROSS_FIELD, message: 'give a case either "equals" or "when"' });
      }
    });
  });

export type SwitchConfig = z.infer<typeof switchConfigSchema>;

/** The branches a switch configuration declares: its cases' names, then `default`. Total: ignores what is malformed. */
export function switchBranches(config: JsonObject): string[] {
  const cases = Array.isArray(config.cases) ? config.cases : [];
  const names = cases.flatMap((item) => (isJsonObject(item) && typeof item.branch === 'string' && ID_PATTERN.test(item.branch) && !RESERVED.has(item.branch) ? [item.branch] : []));
  return [...new Set(names), SWITCH_DEFAULT];
}

/** Takes the branch of the first matching case, else `default`; passes its input through. */
export const switchNode: NodeDefinition<SwitchConfig> = {
  type: 'switch',
  title: 'Switch',
  description: 'Routes the input to the branch of the first case that matches, or to "default".',
  category: 'logic',
  quick: true,
  configSchema: switchConfigSchema,
  branchesOf: switchBranches,
  execute({ config, input }) {
    const value = canonicalJson(config.value ?? null);
    const match = config.cases.find((item) => (item.when !== undefined ? item.when : canonicalJson(item.equals) === value));
    return Promise.resolve({ kind: 'completed', output: input, branch: match?.branch ?? SWITCH_DEFAULT });
  },
};
