import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ExampleError } from './example-errors.js';
import { exampleFileSchema, type ExampleFile } from './example-file.js';

/** Reads and checks `<dir>/workflow.json`; a malformed file is refused naming the file and field. */
export async function loadExample(dir: string): Promise<ExampleFile> {
  const file = path.join(dir, 'workflow.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ExampleError(`${file}: not found (an example is a folder with a workflow.json)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExampleError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = exampleFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A bad record key (a parameter's name) carries its reason one level down.
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    throw new ExampleError(`${file}: ${issue.path.join('.') || '(top level)'}: ${message}`);
  }
  return parsed.data;
}

/** The example folders under `root` (each holding a workflow.json), by name. */
export async function listExamples(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  const dirs: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const names = await readdir(path.join(root, entry.name));
    if (names.includes('workflow.json')) dirs.push(path.join(root, entry.name));
  }
  return dirs;
}
