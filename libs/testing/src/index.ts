export { createTestEnv, deleteRedisPrefix, type TestEnv } from './test-env.js';
export { assertServicesUp, testPostgresUrl, testRedisUrl } from './services.js';
export { startPrivateRedis, type PrivateRedis } from './redis-server.js';
export { startSmtpCapture, type CapturedMail, type SmtpCapture, type SmtpCaptureOptions } from './smtp-capture.js';
export { corpusTally, recordCorpus, SECURITY_CORPORA, type CorpusRecord, type CorpusTally } from './security-tally.js';
export { freePort } from './free-port.js';
