// `npm run import-example -- examples/<slug> [name=value ...]`: creates, publishes and
// sets the triggers of a shipped example in the workspace of the API key in
// WEFT_API_KEY, on the API at WEFT_API_URL (default http://localhost:4000).
import { ExampleError, importExample, instantiateExample, loadExample } from '../libs/examples/dist/index.js';

const [dir, ...pairs] = process.argv.slice(2);
const fail = (message) => {
  console.error(`import-example: ${message}`);
  process.exit(2);
};
if (!dir) fail('usage: npm run import-example -- examples/<slug> [parameter=value ...]');
const apiKey = process.env.WEFT_API_KEY;
if (!apiKey) fail('set WEFT_API_KEY to an API key of the workspace to import into (create one with the createApiKey mutation)');
const api = (process.env.WEFT_API_URL ?? 'http://localhost:4000').replace(/\/+$/, '');

const values = {};
for (const pair of pairs) {
  const at = pair.indexOf('=');
  if (at < 1) fail(`"${pair}" is not parameter=value`);
  values[pair.slice(0, at)] = pair.slice(at + 1);
}

const call = async (query, variables) => {
  const response = await fetch(`${api}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ query, variables }) });
  const body = await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }));
  if (body.errors?.length) throw new ExampleError(body.errors.map((e) => `${e.message}${e.extensions?.field ? ` (${e.extensions.field})` : ''}`).join('; '));
  return body.data;
};

try {
  const example = instantiateExample(await loadExample(dir), values);
  const imported = await importExample(call, example);
  console.log(`imported "${example.name}" as workflow ${imported.workflowId}, version ${imported.version}`);
  for (const hook of imported.webhooks) console.log(`webhook ${hook.triggerId}: ${hook.url}${hook.signingSecret ? ` (signing secret ${hook.signingSecret}, shown once)` : ''}`);
} catch (error) {
  if (error instanceof ExampleError || error instanceof TypeError) fail(error.message);
  throw error;
}
