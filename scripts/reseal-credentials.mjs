// `npm run reseal-credentials`: after a key rotation (a new WEFT_SECRETS_KEY, the old one in
// WEFT_SECRETS_PREVIOUS_KEYS), seals every credential still sealed with an older key again
// with the current one. Safe to run again, and while Weft runs. See docs/operations.md.
import { createLogger, createPlatform, loadConfig, resealCredentials } from '../libs/engine/dist/index.js';

const config = loadConfig(process.env);
const platform = await createPlatform(config, { nodes: false, logger: createLogger({ service: 'reseal' }, { level: 'warn' }) });
try {
  const { resealed, alreadyCurrent } = await resealCredentials(platform);
  process.stdout.write(`credentials sealed again with key ${platform.secrets.currentKeyId}: ${resealed}; already current: ${alreadyCurrent}\n`);
} finally {
  await platform.close();
}
