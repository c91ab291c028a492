import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { formatOfPath, parseFileText } from './file-text.js';
import { definitionFromFile, type WorkflowDefinition } from './workflow-file.js';

/**
 * Reads and shape-checks a workflow file.
 * @throws UsageError with one line per problem, each starting with the file's name.
 */
export async function readWorkflowFile(file: string): Promise<WorkflowDefinition> {
  const format = formatOfPath(file);
  if (!format) throw new UsageError(`${file}: a workflow file ends in .yaml, .yml or .json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseFileText(text, format);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  const { definition, problems } = definitionFromFile(raw);
  if (!definition) throw new UsageError(...problems.map((problem) => `${file}: ${problem}`));
  return definition;
}
