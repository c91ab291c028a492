/**
 * Static checks of the files that run Weft in containers: ./Dockerfile (with
 * .dockerignore and deploy/docker/entrypoint.sh), docker-compose.yml (and the
 * development deploy/compose/services.yml) and deploy/kubernetes. None of them
 * can be run here (no Docker engine, no cluster), so these checks read them and
 * hold them against the repository: what is copied exists, what is started is
 * what the build writes, every reference points at something declared, and the
 * settings each container gets are accepted by Weft's own `loadConfig`.
 *
 * Each check returns the problems it found, one sentence each (empty when all
 * is well); deploy.unit.spec.ts asserts there are none, and breaks copies to
 * show that every check can fail.
 *
 * The checks live in deploy/checks/, one file per section (common, entrypoint,
 * dockerfile, compose, kubernetes); this file gathers their public API.
 */
export { COMPOSE_ENV_EXAMPLE, COMPOSE_FILE, DEV_COMPOSE_FILE, KUBERNETES_DIR, PLACEHOLDER_SECRETS, SHUTDOWN_MARGIN_SECONDS, allRoles, readEnvFile, repoRoot } from './checks/common.js';
export { checkEntrypoint, parseEntrypoint, programOf, readEntrypoint, type Entrypoint } from './checks/entrypoint.js';
export { checkDockerfile, dockerArg, dockerignore, loadDockerContext, parseCopy, parseDockerfile, workspaceFolders, type DockerContext, type Dockerfile, type Instruction, type Stage } from './checks/dockerfile.js';
export { checkCompose, checkDevCompose, durationSeconds, interpolate, interpolateCompose, loadCompose, type ComposeFile, type ComposeService } from './checks/compose.js';
export { apiVocabulary, checkKubernetes, loadKubernetes, validateObjects, workloads, type KubeBundle, type KubeObject, type Kustomization } from './checks/kubernetes.js';
