import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IService } from 'kubernetes-models/v1/Service';
import {
  COMPOSE_ENV_EXAMPLE,
  COMPOSE_FILE,
  DEV_COMPOSE_FILE,
  KUBERNETES_DIR,
  checkCompose,
  checkDevCompose,
  checkDockerfile,
  checkEntrypoint,
  checkKubernetes,
  dockerignore,
  interpolate,
  loadCompose,
  loadDockerContext,
  loadKubernetes,
  parseDockerfile,
  parseEntrypoint,
  readEnvFile,
  repoRoot,
  validateObjects,
  type ComposeFile,
  type KubeBundle,
} from './manifest-checks.js';

// Static checks only: no Docker engine and no cluster run here (see manifest-checks.ts).
// Each `describe` first checks the real files, then breaks a copy to show the check can fail.

const docker = () => loadDockerContext();
const composeContext = (ctx = docker()) => ({ dockerfile: ctx.dockerfile, entrypoint: ctx.entrypoint, envExample: readEnvFile(COMPOSE_ENV_EXAMPLE) });
const kubeContext = (ctx = docker()) => ({ dockerfile: ctx.dockerfile, entrypoint: ctx.entrypoint });
const dockerfileText = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');

/** The Dockerfile checks on an edited copy of the Dockerfile (and optionally of .dockerignore). */
function dockerProblems(edit: (text: string) => string, ignoreExtra = ''): string[] {
  const ctx = docker();
  const edited = edit(dockerfileText);
  expect(edited, 'the edit must change the Dockerfile').not.toBe(dockerfileText);
  const ignoreText = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8') + ignoreExtra;
  return checkDockerfile({ ...ctx, dockerfile: parseDockerfile('Dockerfile', edited), ignore: dockerignore(ignoreText) });
}

describe('Dockerfile', () => {
  it('copies only what exists, installs every workspace, builds everything and starts what the build writes', () => {
    const ctx = docker();
    expect(ctx.entrypoint?.file).toBe('deploy/docker/entrypoint.sh');
    expect(checkDockerfile(ctx)).toEqual([]);
  });

  it('is one multi-stage image on node:20-bookworm-slim that runs as a non-root user', () => {
    const { dockerfile } = docker();
    expect(dockerfile.globalArgs.NODE_IMAGE).toBe('node:20-bookworm-slim');
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    expect(dockerfile.stages.at(-1)!.instructions.findLast((i) => i.keyword === 'USER')?.args).toBe('1000:1000');
  });

  it.each<[string, (text: string) => string, string, string?]>([
    ['a COPY source that does not exist', (t) => t.replace('COPY libs/bus/package.json', 'COPY libs/bux/package.json'), 'COPY libs/bux/package.json: no such file'],
    ['a workspace left out of npm ci', (t) => t.replace('COPY libs/nodes/package.json libs/nodes/\n', ''), 'libs/nodes/package.json is not copied before npm ci'],
    ['COPY --from a stage that does not exist', (t) => t.replace('COPY --from=build /app/libs', 'COPY --from=builder /app/libs'), 'COPY --from=builder names no earlier stage'],
    ['the build step missing', (t) => t.replace('&& node scripts/build.mjs', ''), 'the build does not run scripts/build.mjs'],
    ['running as root', (t) => t.replace('USER 1000:1000\n', ''), 'runs as root (no USER)'],
    ['a user Kubernetes cannot verify', (t) => t.replace('USER 1000:1000', 'USER node'), 'USER node is not numeric'],
    ['an ENTRYPOINT in shell form', (t) => t.replace('ENTRYPOINT ["weft"]', 'ENTRYPOINT weft'), 'ENTRYPOINT in shell form'],
    ['an older Node', (t) => t.replace('ARG NODE_IMAGE=node:20-bookworm-slim', 'ARG NODE_IMAGE=node:18-bookworm-slim'), "older than package.json's engines"],
    ['another base image', (t) => t.replace('ARG NODE_IMAGE=node:20-bookworm-slim', 'ARG NODE_IMAGE=node:20-alpine'), 'not node:<major>-bookworm-slim'],
    ['the built apps not copied into the runtime', (t) => t.replace('COPY --from=build /app/apps ./apps\n', ''), 'does not copy apps/ from the build'],
    ['the migrations not copied into the runtime', (t) => t.replace('COPY --from=build /app/prisma ./prisma\n', ''), 'does not copy prisma/'],
    ['another WORKDIR than the entrypoint', (t) => t.replace(/(FROM \$\{NODE_IMAGE\} AS runtime\nWORKDIR) \/app/, '$1 /srv'), 'but the final stage\'s WORKDIR is /srv'],
    ['.dockerignore dropping the scripts', (t) => `${t}\n`, 'excludes scripts/build.mjs, which the build needs', '\nscripts\n'],
    ['.dockerignore dropping a copied file', (t) => `${t}\n`, 'COPY libs/db/package.json: excluded by .dockerignore', '\nlibs/db/package.json\n'],
  ])('fails on %s', (_, edit, expected, ignoreExtra) => {
    expect(dockerProblems(edit, ignoreExtra).join('\n')).toContain(expected);
  });
});

describe('deploy/docker/entrypoint.sh', () => {
  const entrypoint = () => docker().entrypoint!;

  it('offers api, worker, web and migrate, each exec-ing a file the build produces', () => {
    expect(entrypoint().commands).toEqual(expect.arrayContaining(['api', 'worker', 'web', 'migrate']));
    expect(checkEntrypoint(entrypoint())).toEqual([]);
  });

  it.each<[string, (text: string) => string, string]>([
    ['a program the build does not write', (t) => t.replace('apps/api/dist/main.js', 'apps/api/dist/server.js'), 'apps/api/src/server.ts (which scripts/build.mjs compiles to it) does not exist'],
    ['a script that does not exist', (t) => t.replace('scripts/migrate.mjs', 'scripts/migrations.mjs'), 'starts scripts/migrations.mjs, which does not exist'],
    ['a program started without exec', (t) => t.replace('exec node $(node_flags) apps/worker', 'node $(node_flags) apps/worker'), '"worker" does not exec node'],
    ['a missing command', (t) => t.replace(/\n {2}migrate\)\n.*\n/, '\n'), 'no "migrate" command'],
    ['a binary npm does not install', (t) => t.replace('node_modules/next/dist/bin/next', 'node_modules/next/bin/next'), 'which npm ci does not install'],
  ])('fails on %s', (_, edit, expected) => {
    const original = entrypoint();
    const edited = edit(original.text);
    expect(edited).not.toBe(original.text);
    expect(checkEntrypoint(parseEntrypoint(original.file, edited)).join('\n')).toContain(expected);
  });
});

describe('.dockerignore matching', () => {
  const ignore = dockerignore('**/node_modules\n**/dist\n.env\n.env.*\ndocs\nlibs/db/src/generated\n!docs/keep.md\n');
  it.each([
    ['node_modules/next/package.json', true],
    ['libs/db/node_modules/x', true],
    ['apps/api/dist/main.js', true],
    ['.env', true],
    ['.env.production', true],
    ['docs/operations.md', true],
    ['docs/keep.md', false],
    ['libs/db/src/generated/prisma/client.ts', true],
    ['libs/db/src/index.ts', false],
    ['scripts/build.mjs', false],
    ['apps/api/src/distance.ts', false],
  ])('%s → ignored: %s', (file, ignored) => {
    expect(ignore(file)).toBe(ignored);
  });
});

describe('Compose variable interpolation', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x', []],
    ['${A:-d}', {}, 'd', []],
    ['${A:-d}', { A: '' }, 'd', []],
    ['${A-d}', { A: '' }, '', []],
    ['${A:-http://h:${P:-3000}}', {}, 'http://h:3000', []],
    ['${A:-http://h:${P:-3000}}', { P: '80' }, 'http://h:80', []],
    ['${S:?set it}', {}, '', ['S']],
    ['${S:?set it}', { S: 'v' }, 'v', []],
    ['$${A}', { A: 'x' }, '${A}', []],
  ])('%s with %o → %s', (text, vars, expected, missing) => {
    const found = new Set<string>();
    expect(interpolate(text, vars as Record<string, string>, found)).toBe(expected);
    expect([...found]).toEqual(missing);
  });
});

describe('docker-compose.yml', () => {
  const load = () => loadCompose(COMPOSE_FILE);

  it('runs postgres, redis, the migration, the API, two workers, the background roles and the web app, correctly wired', () => {
    const compose = load();
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'migrate', 'api', 'worker', 'background', 'web']));
    expect(compose.services.worker!.deploy?.replicas).toBe(2);
    expect(checkCompose(compose, composeContext())).toEqual([]);
  });

  it('keeps development (PostgreSQL and Redis alone) possible without secrets', () => {
    expect(checkDevCompose(loadCompose(DEV_COMPOSE_FILE))).toEqual([]);
  });

  const env = (compose: ComposeFile, service: string) => compose.services[service]!.environment as Record<string, string>;
  it.each<[string, (c: ComposeFile) => void, string]>([
    ['a missing service', (c) => delete c.services.web, 'no "web" service'],
    ['a single worker', (c) => (c.services.worker!.deploy = { replicas: 1 }), 'one worker'],
    ['depends_on naming no service', (c) => (c.services.api!.depends_on = { migrations: { condition: 'service_completed_successfully' } }), 'api depends on "migrations", which is no service'],
    ['waiting for a health check that does not exist', (c) => delete c.services.redis!.healthcheck, 'waits for redis to be healthy, but redis has no healthcheck'],
    ['starting before the migration', (c) => (c.services.worker!.depends_on = { redis: { condition: 'service_healthy' } }), 'worker starts without waiting for migrate'],
    ['a build context that does not exist', (c) => (c.services.api!.build = { context: './nowhere' }), 'is no folder'],
    ['a Dockerfile that does not exist', (c) => (c.services.api!.build = { context: '.', dockerfile: 'Dockerfile.prod' }), 'Dockerfile.prod does not exist'],
    ['a build argument the Dockerfile does not take', (c) => (c.services.web!.build = { context: '.', args: { API_ORIGIN: 'x' } }), 'web.build.args.API_ORIGIN is no ARG'],
    ['the web app proxying to no service', (c) => (c.services.web!.build = { context: '.', args: { WEFT_API_ORIGIN: 'http://weft-api:4000' } }), 'no service "weft-api"'],
    ['a secret written into the file', (c) => (env(c, 'api').WEFT_AUTH_SECRET = 'a-literal-secret-that-anyone-can-read-000'), 'api.environment.WEFT_AUTH_SECRET has a literal value'],
    ['a secret missing for a role', (c) => delete env(c, 'background').WEFT_SECRETS_KEY, 'Weft refuses its settings: invalid setting WEFT_SECRETS_KEY'],
    ['a role nobody runs', (c) => (env(c, 'background').WEFT_ROLES = 'relay,projector'), 'no service runs the scheduler role'],
    ['a setting Weft refuses', (c) => (env(c, 'worker').WEFT_ROLES = 'worker,cron'), "worker: Weft refuses its settings: invalid setting WEFT_ROLES"],
    ['a health check on the wrong port', (c) => (c.services.worker!.healthcheck!.test = ['CMD', 'node', '-e', "fetch('http://127.0.0.1:9465/readyz')"]), "worker's healthcheck calls port 9465, but it listens on 9464"],
    ['too little time to hand tasks back', (c) => (c.services.worker!.stop_grace_period = '10s'), 'worker.stop_grace_period is 10s: too short'],
    ['a command the image does not know', (c) => (c.services.api!.command = ['serve']), 'api runs "serve", which the image\'s entrypoint does not know'],
  ])('fails on %s', (_, edit, expected) => {
    const compose = load();
    edit(compose);
    expect(checkCompose(compose, composeContext()).join('\n')).toContain(expected);
  });

  it('fails when development would need a secret', () => {
    const compose = loadCompose(DEV_COMPOSE_FILE);
    (compose.services.postgres!.environment as Record<string, string>).POSTGRES_PASSWORD = '${PG_PASSWORD:?set it}';
    expect(checkDevCompose(compose).join('\n')).toContain('requires PG_PASSWORD');
  });
});

describe('deploy/kubernetes', () => {
  const load = () => loadKubernetes(KUBERNETES_DIR);
  const byName = <T>(bundle: KubeBundle, kind: string, name: string) => bundle.objects.find((o) => o.value.kind === kind && (o.value.metadata as { name: string }).name === name)!.value as unknown as T;
  const container = (bundle: KubeBundle, name: string): IContainer => byName<IDeployment>(bundle, 'Deployment', name).spec!.template.spec!.containers[0]!;
  const envVar = (c: IContainer, name: string) => c.env!.find((e) => e.name === name)!;

  it('holds the expected objects, each valid against its Kubernetes schema', () => {
    const bundle = load();
    const kinds = bundle.objects.map((o) => `${String(o.value.kind)}/${(o.value.metadata as { name: string }).name}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'Deployment/weft-api',
        'Deployment/weft-worker',
        'Deployment/weft-background',
        'Deployment/weft-web',
        'Service/weft-api',
        'Service/weft-web',
        'Job/weft-migrate',
        'HorizontalPodAutoscaler/weft-worker',
        'PodDisruptionBudget/weft-worker',
      ]),
    );
    expect(validateObjects(bundle)).toEqual([]);
  });

  it('cross-references: selectors, probe ports, ConfigMaps and Secrets, the autoscaler, the settings of each role', () => {
    expect(checkKubernetes(load(), kubeContext())).toEqual([]);
  });

  it('runs the API with 2 replicas and the workers with 2 or more, probes on /readyz and /healthz', () => {
    const bundle = load();
    expect(byName<IDeployment>(bundle, 'Deployment', 'weft-api').spec!.replicas).toBe(2);
    expect(byName<IHorizontalPodAutoscaler>(bundle, 'HorizontalPodAutoscaler', 'weft-worker').spec!.minReplicas).toBeGreaterThanOrEqual(2);
    for (const name of ['weft-api', 'weft-worker', 'weft-background']) {
      expect(container(bundle, name).readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(container(bundle, name).livenessProbe?.httpGet?.path).toBe('/healthz');
    }
    expect(envVar(container(bundle, 'weft-worker'), 'WEFT_HEALTH_PORT').value).toBe('9464');
  });

  it.each<[string, (b: KubeBundle) => void, string]>([
    ['an invalid field value', (b) => (container(b, 'weft-api').ports![0]!.containerPort = 'http' as unknown as number), 'containerPort must be integer'],
    ['a misspelt field', (b) => {
      const c = container(b, 'weft-web') as IContainer & { readinesProbe?: unknown };
      c.readinesProbe = c.readinessProbe;
      delete c.readinessProbe;
    }, 'unknown field spec.template.spec.containers[0].readinesProbe'],
    ['a Service selecting no pods', (b) => (byName<IService>(b, 'Service', 'weft-api').spec!.selector!['app.kubernetes.io/component'] = 'apis'), 'Service weft-api: its selector matches no Deployment'],
    ['a Service port the pods do not declare', (b) => (byName<IService>(b, 'Service', 'weft-web').spec!.ports![0]!.targetPort = 'web'), 'targetPort web is not a port of weft-web'],
    ['a Deployment selector that misses its pods', (b) => (byName<IDeployment>(b, 'Deployment', 'weft-web').spec!.selector.matchLabels!['app.kubernetes.io/component'] = 'site'), 'Deployment weft-web: spec.selector does not match'],
    ['a probe on an undeclared port', (b) => (container(b, 'weft-worker').readinessProbe!.httpGet!.port = 'metrics'), 'readinessProbe port metrics is not a declared container port'],
    ['a probe on another port than the program serves', (b) => {
      container(b, 'weft-background').ports!.push({ name: 'other', containerPort: 9000 });
      container(b, 'weft-background').livenessProbe!.httpGet!.port = 'other';
    }, 'livenessProbe calls port 9000, but the worker program serves its probes on 9464'],
    ['a liveness probe that is not /healthz', (b) => (container(b, 'weft-api').livenessProbe!.httpGet!.path = '/readyz'), 'livenessProbe is not GET /healthz'],
    ['a container without a readiness probe', (b) => delete container(b, 'weft-web').readinessProbe, 'container web: no readinessProbe'],
    ['a worker without WEFT_HEALTH_PORT', (b) => (container(b, 'weft-worker').env = container(b, 'weft-worker').env!.filter((e) => e.name !== 'WEFT_HEALTH_PORT')), 'no WEFT_HEALTH_PORT'],
    ['a ConfigMap that is not declared', (b) => (container(b, 'weft-api').envFrom![0]!.configMapRef!.name = 'weft-settings'), 'envFrom names ConfigMap weft-settings, which is not declared'],
    ['a Secret that is not declared', (b) => (envVar(container(b, 'weft-api'), 'DATABASE_URL').valueFrom!.secretKeyRef!.name = 'weft-db'), 'reads Secret weft-db, which is not declared'],
    ['a Secret key that does not exist', (b) => (envVar(container(b, 'weft-api'), 'WEFT_AUTH_SECRET').valueFrom!.secretKeyRef!.key = 'AUTH_SECRET'), 'reads key AUTH_SECRET of Secret weft-secrets'],
    ['a secret missing for a role', (b) => (container(b, 'weft-background').env = container(b, 'weft-background').env!.filter((e) => e.name !== 'WEFT_SECRETS_KEY')), 'Weft refuses its settings: invalid setting WEFT_SECRETS_KEY'],
    ['a role nobody runs', (b) => (envVar(container(b, 'weft-background'), 'WEFT_ROLES').value = 'relay,projector'), 'no Deployment runs the scheduler role'],
    ['an autoscaler targeting nothing', (b) => (byName<IHorizontalPodAutoscaler>(b, 'HorizontalPodAutoscaler', 'weft-worker').spec!.scaleTargetRef.name = 'weft-workers'), 'scaleTargetRef apps/v1/Deployment weft-workers is no Deployment here'],
    ['an autoscaled Deployment with replicas', (b) => (byName<IDeployment>(b, 'Deployment', 'weft-worker').spec!.replicas = 2), 'sets replicas although HorizontalPodAutoscaler weft-worker owns the count'],
    ['CPU scaling without CPU requests', (b) => delete container(b, 'weft-worker').resources!.requests!.cpu, 'scales on CPU utilization, but weft-worker requests no CPU'],
    ['a disruption budget that blocks evictions', (b) => (byName<IPodDisruptionBudget>(b, 'PodDisruptionBudget', 'weft-api').spec!.minAvailable = 2), 'minAvailable 2 with 2 replica(s) of weft-api blocks every eviction'],
    ['too short a grace period for workers', (b) => (byName<IDeployment>(b, 'Deployment', 'weft-worker').spec!.template.spec!.terminationGracePeriodSeconds = 15), 'terminationGracePeriodSeconds 15 is too short'],
    ['an image kustomize does not set', (b) => (container(b, 'weft-web').image = 'weft:dev'), 'image weft:dev is not one of the kustomization'],
    ['a program the image does not know', (b) => (container(b, 'weft-web').args = ['next']), 'runs "next", which the image\'s entrypoint does not know'],
    ['no memory limit', (b) => delete container(b, 'weft-api').resources!.limits!.memory, 'no memory limit'],
    ['the API Service renamed (the web build proxies to it)', (b) => ((b.objects.find((o) => o.value.kind === 'Service')!.value.metadata as { name: string }).name = 'api'), 'no Service weft-api'],
    ['no migration Job', (b) => (b.objects = b.objects.filter((o) => o.value.kind !== 'Job')), 'no Job runs the migration'],
    ['a manifest the kustomization leaves out', (b) => (b.kustomization.resources = b.kustomization.resources!.filter((r) => r !== 'web.yaml')), 'does not list web.yaml'],
    ['a resource that does not exist', (b) => b.kustomization.resources!.push('ingress.yaml'), 'lists ingress.yaml, which does not exist'],
  ])('fails on %s', (_, edit, expected) => {
    const bundle = load();
    edit(bundle);
    const problems = [...validateObjects(bundle), ...checkKubernetes(bundle, kubeContext())];
    expect(problems.join('\n')).toContain(expected);
  });
});
