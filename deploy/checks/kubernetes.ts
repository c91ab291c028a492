// ---------------------------------------------------------------------------
// Kubernetes
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job, type IJob } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget, type IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service, type IService } from 'kubernetes-models/v1/Service';
import { KUBERNETES_DIR, PLACEHOLDER_SECRETS, SECRET_ROLES, SHUTDOWN_MARGIN_SECONDS, allRoles, checkApiOrigin, exists, isRecord, programRoles, readEnvFile, readText, repoRoot, shutdownDeadlineSeconds, tryConfig, type Json } from './common.js';
import { type Dockerfile, dockerArg } from './dockerfile.js';
import { type Entrypoint, programOf } from './entrypoint.js';

export type KubeObject = { file: string; value: Json };
export type Kustomization = {
  resources?: string[];
  configMapGenerator?: { name: string; envs?: string[]; literals?: string[] }[];
  secretGenerator?: { name: string; envs?: string[]; literals?: string[] }[];
  images?: { name: string; newName?: string; newTag?: string }[];
};
export type KubeBundle = { dir: string; kustomization: Kustomization; objects: KubeObject[]; yamlFiles: string[] };

export function loadKubernetes(dir = KUBERNETES_DIR): KubeBundle {
  const yamlFiles = readdirSync(path.join(repoRoot, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  const kustomizationFile = yamlFiles.find((name) => /^kustomization\.ya?ml$/.test(name));
  const kustomization = (kustomizationFile ? parse(readText(`${dir}/${kustomizationFile}`)) : {}) as Kustomization;
  const objects = yamlFiles
    .filter((name) => name !== kustomizationFile)
    .flatMap((name) =>
      parseAllDocuments(readText(`${dir}/${name}`)).map((doc) => {
        if (doc.errors.length) throw new Error(`${dir}/${name}: ${doc.errors[0]!.message}`);
        return { file: `${dir}/${name}`, value: doc.toJS() as Json };
      }),
    )
    .filter((o) => isRecord(o.value));
  return { dir, kustomization, objects, yamlFiles };
}

const MODELS: Record<string, (value: Json) => { validate(): void }> = {
  'v1/ConfigMap': (v) => new ConfigMap(v),
  'v1/Secret': (v) => new Secret(v),
  'v1/Service': (v) => new Service(v),
  'apps/v1/Deployment': (v) => new Deployment(v),
  'batch/v1/Job': (v) => new Job(v),
  'autoscaling/v2/HorizontalPodAutoscaler': (v) => new HorizontalPodAutoscaler(v),
  'policy/v1/PodDisruptionBudget': (v) => new PodDisruptionBudget(v),
};

const kindOf = (o: KubeObject) => `${String(o.value.apiVersion)}/${String(o.value.kind)}`;
const nameOf = (o: KubeObject) => String((o.value.metadata as Json | undefined)?.name);
const label = (o: KubeObject) => `${o.file}: ${String(o.value.kind)} ${nameOf(o)}`;
const ofKind = <T>(bundle: KubeBundle, kind: string) => bundle.objects.filter((o) => o.value.kind === kind).map((o) => ({ object: o, value: o.value as unknown as T }));

/** Property names anywhere in the Kubernetes API schemas: a key outside them is a typo the schemas let through. */
let vocabulary: Set<string> | undefined;
export function apiVocabulary(): Set<string> {
  if (vocabulary) return vocabulary;
  const words = new Set<string>();
  for (const dir of ['node_modules/kubernetes-models/_schemas', 'node_modules/@kubernetes-models/apimachinery/_schemas']) {
    for (const name of readdirSync(path.join(repoRoot, dir)).filter((n) => n.endsWith('.mjs'))) {
      for (const [, a, b] of readText(`${dir}/${name}`).matchAll(/data\.([A-Za-z_$][\w$]*)|data\["([^"]+)"\]/g)) words.add((a ?? b)!);
    }
  }
  return (vocabulary = words);
}
/** Maps whose keys are free (labels, quantities, config data), not API fields. */
const FREE_FORM = new Set(['labels', 'annotations', 'matchLabels', 'data', 'stringData', 'binaryData', 'requests', 'limits', 'nodeSelector']);

/** Validates each object against its Kubernetes schema (kubernetes-models) and for keys no schema knows. */
export function validateObjects(bundle: KubeBundle): string[] {
  const problems: string[] = [];
  const words = apiVocabulary();
  for (const object of bundle.objects) {
    const model = MODELS[kindOf(object)];
    if (!model) {
      problems.push(`${label(object)}: ${kindOf(object)} is not a kind these checks know`);
      continue;
    }
    try {
      model(object.value).validate();
    } catch (error) {
      problems.push(`${label(object)}: invalid: ${error instanceof Error ? error.message : String(error)}`);
    }
    const walk = (value: unknown, at: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (isRecord(value)) {
        for (const [key, child] of Object.entries(value)) {
          const here = at ? `${at}.${key}` : key;
          if (!words.has(key)) problems.push(`${label(object)}: unknown field ${here}`);
          const freeSelector = key === 'selector' && isRecord(child) && !('matchLabels' in child) && !('matchExpressions' in child);
          if (!FREE_FORM.has(key) && !freeSelector) walk(child, here);
        }
      }
    };
    walk(object.value, '');
  }
  const seen = new Set<string>();
  for (const object of bundle.objects) {
    const key = `${String(object.value.kind)}/${nameOf(object)}`;
    if (seen.has(key)) problems.push(`${label(object)}: declared twice`);
    seen.add(key);
  }
  return problems;
}

type Workload = { object: KubeObject; kind: 'Deployment' | 'Job'; name: string; podLabels: Record<string, string>; pod: IPodSpec; replicas: number | undefined };
export function workloads(bundle: KubeBundle): Workload[] {
  return [...ofKind<IDeployment>(bundle, 'Deployment').map((d) => ({ ...d, kind: 'Deployment' as const })), ...ofKind<IJob>(bundle, 'Job').map((d) => ({ ...d, kind: 'Job' as const }))].map(({ object, value, kind }) => ({
    object,
    kind,
    name: nameOf(object),
    podLabels: value.spec?.template.metadata?.labels ?? {},
    pod: value.spec?.template.spec ?? { containers: [] },
    replicas: kind === 'Deployment' ? (value).spec?.replicas : undefined,
  }));
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) => !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** ConfigMaps and Secrets the manifests declare (objects or kustomize generators), with their keys where known. */
function declared(bundle: KubeBundle, kind: 'ConfigMap' | 'Secret'): { names: Map<string, Set<string> | undefined>; problems: string[] } {
  const names = new Map<string, Set<string> | undefined>();
  const problems: string[] = [];
  for (const { object, value } of ofKind<IConfigMap | ISecret>(bundle, kind)) names.set(nameOf(object), new Set([...Object.keys(value.data ?? {}), ...Object.keys((value as ISecret).stringData ?? {})]));
  const generators = kind === 'ConfigMap' ? bundle.kustomization.configMapGenerator : bundle.kustomization.secretGenerator;
  for (const generator of generators ?? []) {
    const keys = new Set((generator.literals ?? []).map((l) => l.split('=')[0]!));
    for (const env of generator.envs ?? []) {
      const file = `${bundle.dir}/${env}`;
      // Secrets stay out of git: their keys come from the committed example.
      const source = kind === 'Secret' ? `${file}.example` : file;
      if (kind === 'Secret' && !readGitignore(bundle.dir).includes(env)) problems.push(`${bundle.dir}/.gitignore: does not keep ${env} (secret values) out of git`);
      if (!exists(source)) problems.push(`${bundle.dir}/kustomization.yaml: ${kind} ${generator.name} reads ${env}, but ${source} does not exist`);
      else Object.keys(readEnvFile(source)).forEach((k) => keys.add(k));
    }
    names.set(generator.name, keys);
  }
  return { names, problems };
}
const readGitignore = (dir: string) => (exists(`${dir}/.gitignore`) ? readText(`${dir}/.gitignore`).split('\n').map((l) => l.trim()) : []);

/** The environment a container starts with: envFrom ConfigMaps (their known values), env, and placeholders for secret references. */
function containerEnv(container: IContainer, bundle: KubeBundle): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const generator = bundle.kustomization.configMapGenerator?.find((g) => g.name === from.configMapRef?.name);
    for (const file of generator?.envs ?? []) if (exists(`${bundle.dir}/${file}`)) Object.assign(env, readEnvFile(`${bundle.dir}/${file}`));
    const object = ofKind<IConfigMap>(bundle, 'ConfigMap').find((c) => nameOf(c.object) === from.configMapRef?.name);
    Object.assign(env, object?.value.data ?? {});
  }
  const example = bundle.kustomization.secretGenerator?.flatMap((g) => g.envs ?? []).map((file) => `${bundle.dir}/${file}.example`).filter(exists).map(readEnvFile) ?? [];
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) env[variable.name] = PLACEHOLDER_SECRETS[ref.key] ?? example.map((e) => e[ref.key]).find(Boolean) ?? '';
    else if (variable.value !== undefined) env[variable.name] = variable.value;
  }
  return env;
}

/** The port a probe names, as a container port (by name or number). */
function probePort(probe: IProbe, container: IContainer): { port: string | number; containerPort: number | undefined } | undefined {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
  if (port === undefined) return undefined;
  const declaredPort = container.ports?.find((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port));
  return { port, containerPort: declaredPort?.containerPort };
}

export function checkKubernetes(bundle: KubeBundle, context: { dockerfile: Dockerfile; entrypoint: Entrypoint | undefined }): string[] {
  const problems: string[] = [];
  const { dir, kustomization } = bundle;

  // The kustomization lists every manifest, and only existing ones.
  const listed = new Set(kustomization.resources ?? []);
  for (const resource of listed) if (!exists(`${dir}/${resource}`)) problems.push(`${dir}/kustomization.yaml: lists ${resource}, which does not exist`);
  for (const file of bundle.yamlFiles) if (!/^kustomization\.ya?ml$/.test(file) && !listed.has(file)) problems.push(`${dir}/kustomization.yaml: does not list ${file}`);
  const imageNames = new Set((kustomization.images ?? []).map((i) => i.name));

  const configMaps = declared(bundle, 'ConfigMap');
  const secrets = declared(bundle, 'Secret');
  problems.push(...configMaps.problems, ...secrets.problems);
  const all = workloads(bundle);
  const deployments = all.filter((w) => w.kind === 'Deployment');
  const hpas = ofKind<IHorizontalPodAutoscaler>(bundle, 'HorizontalPodAutoscaler');
  const covered = new Set<string>();

  for (const workload of all) {
    const where = label(workload.object);
    if (workload.kind === 'Deployment') {
      const selector = (workload.object.value as unknown as IDeployment).spec?.selector.matchLabels;
      if (!matches(selector, workload.podLabels)) problems.push(`${where}: spec.selector does not match the pod template's labels`);
    }
    const pod = workload.pod;
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${where}: the pod does not set runAsNonRoot`);
    for (const volume of pod.volumes ?? []) {
      if (volume.configMap && !configMaps.names.has(volume.configMap.name ?? '')) problems.push(`${where}: volume ${volume.name} names ConfigMap ${volume.configMap.name}, which is not declared`);
      if (volume.secret && !secrets.names.has(volume.secret.secretName ?? '')) problems.push(`${where}: volume ${volume.name} names Secret ${volume.secret.secretName}, which is not declared`);
    }
    const hpa = hpas.find((h) => h.value.spec?.scaleTargetRef.kind === 'Deployment' && h.value.spec.scaleTargetRef.name === workload.name);

    for (const container of pod.containers) {
      const at = `${where}, container ${container.name}`;
      if (!container.image || !imageNames.has(container.image)) problems.push(`${at}: image ${container.image} is not one of the kustomization's images (${[...imageNames].join(', ')})`);
      // References to ConfigMaps and Secrets, and their keys.
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef && !configMaps.names.has(from.configMapRef.name ?? '')) problems.push(`${at}: envFrom names ConfigMap ${from.configMapRef.name}, which is not declared`);
        if (from.secretRef && !secrets.names.has(from.secretRef.name ?? '')) problems.push(`${at}: envFrom names Secret ${from.secretRef.name}, which is not declared`);
      }
      for (const variable of container.env ?? []) {
        for (const [kind, ref, names] of [
          ['ConfigMap', variable.valueFrom?.configMapKeyRef, configMaps.names],
          ['Secret', variable.valueFrom?.secretKeyRef, secrets.names],
        ] as const) {
          if (!ref) continue;
          if (!names.has(ref.name ?? '')) problems.push(`${at}: ${variable.name} reads ${kind} ${ref.name}, which is not declared`);
          else if (!names.get(ref.name ?? '')?.has(ref.key)) problems.push(`${at}: ${variable.name} reads key ${ref.key} of ${kind} ${ref.name}, which it does not have`);
        }
      }
      // Resources: the scheduler and the autoscaler need requests; a memory limit bounds a leak.
      const { requests, limits } = container.resources ?? {};
      if (!requests?.cpu || !requests.memory) problems.push(`${at}: no cpu and memory requests`);
      if (!limits?.memory) problems.push(`${at}: no memory limit`);

      const env = containerEnv(container, bundle);
      const command = programOf(container.args ?? [], env);
      if (container.command) problems.push(`${at}: overrides the image's entrypoint (command); pass the program as args`);
      if (context.entrypoint && !context.entrypoint.commands.includes(command)) problems.push(`${at}: runs "${command}", which the image's entrypoint does not know`);
      const declaredPorts = new Set((container.ports ?? []).map((p) => p.containerPort));

      if (workload.kind === 'Job') {
        if (!env.DATABASE_URL) problems.push(`${at}: no DATABASE_URL`);
        continue;
      }
      // Probes: readiness on /readyz and liveness on /healthz for Weft's programs, each on a declared port.
      const probes = { readinessProbe: container.readinessProbe, livenessProbe: container.livenessProbe, startupProbe: container.startupProbe };
      if (!probes.readinessProbe) problems.push(`${at}: no readinessProbe`);
      if (!probes.livenessProbe) problems.push(`${at}: no livenessProbe`);
      for (const [kind, probe] of Object.entries(probes)) {
        if (!probe) continue;
        const port = probePort(probe, container);
        if (!port) problems.push(`${at}: ${kind} is neither httpGet nor tcpSocket`);
        else if (port.containerPort === undefined && !(typeof port.port === 'number' && String(port.port) === env.PORT)) problems.push(`${at}: ${kind} port ${port.port} is not a declared container port`);
      }
      if (command === 'api' || command === 'worker') {
        const config = tryConfig(env, at, problems);
        if (!config) continue;
        const roles = programRoles(command, config);
        roles.forEach((role) => covered.add(role));
        if (command === 'worker' && config.roles.includes('api')) problems.push(`${at}: lists the api role in WEFT_ROLES, but the worker program ignores it`);
        for (const [secret, needers] of Object.entries(SECRET_ROLES)) {
          if (roles.some((r) => needers.includes(r)) && !env[secret]) problems.push(`${at}: runs ${roles.join(',')} without ${secret}`);
        }
        const serves = command === 'api' ? config.port : config.health.port;
        if (serves === undefined) problems.push(`${at}: no WEFT_HEALTH_PORT: the ${command} program serves no probes`);
        else if (!declaredPorts.has(serves)) problems.push(`${at}: serves its probes on ${serves}, which is not a declared container port`);
        const expect: [string, IProbe | undefined, string][] = [
          ['readinessProbe', probes.readinessProbe, '/readyz'],
          ['livenessProbe', probes.livenessProbe, '/healthz'],
        ];
        for (const [kind, probe, wanted] of expect) {
          if (!probe) continue;
          if (probe.httpGet?.path !== wanted) problems.push(`${at}: ${kind} is not GET ${wanted}`);
          const port = probePort(probe, container);
          if (port?.containerPort !== undefined && serves !== undefined && port.containerPort !== serves) problems.push(`${at}: ${kind} calls port ${port.containerPort}, but the ${command} program serves its probes on ${serves}`);
        }
        if (roles.includes('worker')) {
          const grace = pod.terminationGracePeriodSeconds ?? 30;
          if (grace < shutdownDeadlineSeconds(config) + SHUTDOWN_MARGIN_SECONDS) problems.push(`${where}: terminationGracePeriodSeconds ${grace} is too short for WEFT_SHUTDOWN_DEADLINE_MS (${shutdownDeadlineSeconds(config)}s) plus handing back`);
          if (!hpa) problems.push(`${where}: runs workers without a HorizontalPodAutoscaler`);
        }
      }
    }
    // Replicas: two at least wherever a PodDisruptionBudget or failover needs them.
    const replicas = hpa?.value.spec?.minReplicas ?? workload.replicas ?? 1;
    if (workload.kind === 'Deployment' && replicas < 2) problems.push(`${where}: ${replicas} replica(s); run 2 at least`);
    if (hpa && workload.replicas !== undefined) problems.push(`${where}: sets replicas although HorizontalPodAutoscaler ${nameOf(hpa.object)} owns the count (each apply would reset it)`);
  }
  for (const role of allRoles()) if (!covered.has(role)) problems.push(`${dir}: no Deployment runs the ${role} role`);

  // Services select the pods of a Deployment, on a port those pods declare.
  for (const { object, value } of ofKind<IService>(bundle, 'Service')) {
    const selected = deployments.filter((d) => matches(value.spec?.selector, d.podLabels));
    if (selected.length === 0) problems.push(`${label(object)}: its selector matches no Deployment's pods`);
    for (const port of value.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const d of selected) {
        const found = d.pod.containers.some((c) => c.ports?.some((p) => (typeof target === 'number' ? p.containerPort === target : p.name === target)));
        if (!found) problems.push(`${label(object)}: targetPort ${target} is not a port of ${d.name}'s containers`);
      }
    }
  }
  // The autoscaler targets an existing Deployment whose containers request CPU.
  for (const { object, value } of hpas) {
    const ref = value.spec?.scaleTargetRef;
    const target = deployments.find((d) => ref?.kind === 'Deployment' && ref.apiVersion === 'apps/v1' && d.name === ref.name);
    if (!target) {
      problems.push(`${label(object)}: scaleTargetRef ${ref?.apiVersion}/${ref?.kind} ${ref?.name} is no Deployment here`);
      continue;
    }
    if ((value.spec?.minReplicas ?? 1) < 2) problems.push(`${label(object)}: minReplicas below 2`);
    const usesCpu = value.spec?.metrics?.some((m) => m.resource?.name === 'cpu');
    if (usesCpu && target.pod.containers.some((c) => !c.resources?.requests?.cpu)) problems.push(`${label(object)}: scales on CPU utilization, but ${target.name} requests no CPU`);
  }
  // Disruption budgets cover a Deployment and leave room to evict one pod.
  for (const { object, value } of ofKind<IPodDisruptionBudget>(bundle, 'PodDisruptionBudget')) {
    const selected = deployments.filter((d) => matches(value.spec?.selector?.matchLabels, d.podLabels));
    if (selected.length === 0) problems.push(`${label(object)}: its selector matches no Deployment's pods`);
    for (const d of selected) {
      const replicas = hpas.find((h) => h.value.spec?.scaleTargetRef.name === d.name)?.value.spec?.minReplicas ?? d.replicas ?? 1;
      if (typeof value.spec?.minAvailable === 'number' && value.spec.minAvailable >= replicas) problems.push(`${label(object)}: minAvailable ${value.spec.minAvailable} with ${replicas} replica(s) of ${d.name} blocks every eviction`);
    }
  }
  // The web app's build proxies to the API Service.
  const web = all.find((w) => w.pod.containers.some((c) => programOf(c.args ?? [], {}) === 'web'));
  if (!web) problems.push(`${dir}: no Deployment runs the web app`);
  problems.push(
    ...checkApiOrigin(dockerArg(context.dockerfile, 'WEFT_API_ORIGIN'), `${context.dockerfile.file} (WEFT_API_ORIGIN)`, (host, port) => {
      const service = ofKind<IService>(bundle, 'Service').find((s) => nameOf(s.object) === host);
      if (!service) return `no Service ${host} in ${dir}`;
      if (!service.value.spec?.ports?.some((p) => String(p.port) === port)) return `Service ${host} has no port ${port}`;
      const api = deployments.find((d) => matches(service.value.spec?.selector, d.podLabels));
      return api?.pod.containers.some((c) => programOf(c.args ?? [], {}) === 'api') ? undefined : `Service ${host} does not select the API's pods`;
    }),
  );
  if (!all.some((w) => w.kind === 'Job' && w.pod.containers.some((c) => c.args?.[0] === 'migrate'))) problems.push(`${dir}: no Job runs the migration`);
  return problems;
}
