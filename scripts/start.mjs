// `npm start`: everything for a fresh machine with Node 20 — installs what is
// missing, starts PostgreSQL and Redis if they are down, builds, migrates, then
// serves the API and runs the background roles in a second process.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { ensureInstall } from './ensure-install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeFlags = JSON.parse(readFileSync(path.join(root, 'scripts/node-flags.json'), 'utf8'));
ensureInstall();
const { ensureServices } = await import('./services.mjs');

const run = (what, args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`weft: ${what} failed`);
    process.exit(result.status ?? 1);
  }
};

try {
  await ensureServices();
} catch (error) {
  console.error(`weft: ${error.message}`);
  process.exit(1);
}
run('build', ['scripts/prisma-generate.mjs']);
run('build', ['scripts/build.mjs']);
run('migration', ['scripts/migrate.mjs']);

const port = process.env.PORT ?? '4000';
const webPort = process.env.WEFT_WEB_PORT ?? '3000';
const next = path.join(root, 'node_modules/next/dist/bin/next');
// The web app proxies /graphql, /api and /hooks to the API; Next bakes that target into its build.
const webEnv = { WEFT_API_ORIGIN: `http://127.0.0.1:${port}`, NEXT_TELEMETRY_DISABLED: '1' };
const built = spawnSync(process.execPath, [next, 'build'], { cwd: path.join(root, 'apps/web'), stdio: 'inherit', env: { ...process.env, ...webEnv } });
if (built.status !== 0) {
  console.error('weft: web build failed');
  process.exit(built.status ?? 1);
}
// Browsers send the web app's Origin: the API must trust it for the session cookie to count.
const webOrigins = [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`];
const trustedOrigins = [process.env.WEFT_TRUSTED_ORIGINS, ...webOrigins].filter(Boolean).join(',');
const children = [
  ['api', [...nodeFlags, 'apps/api/dist/main.js'], { WEFT_ROLES: 'api', WEFT_TRUSTED_ORIGINS: trustedOrigins }],
  ['worker', [...nodeFlags, 'apps/worker/dist/main.js'], { WEFT_ROLES: 'worker,relay,projector,scheduler' }],
  ['web', [next, 'start', '-p', webPort, 'apps/web'], webEnv],
].map(([name, args, env]) => {
  // Node flags shared with the benchmark: a 2 MiB young generation saves ~100 MiB for the stack at the same throughput.
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: port, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream, out) => {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`weft: ${name} exited (${signal ?? code}); stopping`);
      stop(1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Resolves once `url` answers 200 (the API's readiness, the web app's first page). */
async function answers(url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const apiUrl = `http://127.0.0.1:${port}`;
if (!(await answers(`${apiUrl}/readyz`)) || !(await answers(`http://127.0.0.1:${webPort}/sign-in`))) {
  if (!stopping) console.error('weft: the API or the web app did not become ready within 3 minutes; see the lines above');
} else {
  let signIn = '';
  try {
    const { ensureDemo } = await import('./seed-demo.mjs');
    const demo = await ensureDemo({ api: apiUrl, origin: `http://localhost:${webPort}` });
    if (demo) signIn = `\n  First sign-in (demo workspace${demo.created ? `, just made: ${demo.workflows.length} example workflows` : ''}): ${demo.account.email} / ${demo.account.password}`;
  } catch (error) {
    console.error(`weft: the demo workspace could not be made (${error.message}); sign up in the web app instead`);
  }
  console.log(`\nWeft is running:\n  Web app (editor and live monitor): http://localhost:${webPort}${signIn}\n  GraphQL (HTTP and graphql-ws): http://localhost:${port}/graphql\n  Health: http://localhost:${port}/readyz, metrics: http://localhost:${port}/metrics\n  Stop with Ctrl-C.\n`);
}
