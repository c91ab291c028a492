import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCorpus, SECURITY_CORPORA } from '@weft/testing';
import { SECURITY_SUITES, securitySection } from './security-section.js';

describe('securitySection', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'weft-security-section-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const tally = async (name: string, lines: readonly unknown[]) => {
    const file = path.join(dir, name);
    await writeFile(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
    return file;
  };

  it('sums the records of each corpus into one row, known corpora in their order, with a total', async () => {
    const file = await tally('tally.jsonl', [
      { corpus: SECURITY_CORPORA.ssrf, attack: 'loopback', tried: 18, refused: 18, leaked: 0, detail: 'one URL fetched' },
      { corpus: SECURITY_CORPORA.access, attack: 'workflow', tried: 2, refused: 2, detail: 'one operation by one identity' },
      { corpus: SECURITY_CORPORA.access, attack: 'run', tried: 2, refused: 2, detail: 'one operation by one identity' },
      { corpus: SECURITY_CORPORA.ssrf, attack: 'redirects | into loopback', tried: 3, refused: 2, leaked: 1, detail: 'one URL fetched' },
      { corpus: SECURITY_CORPORA.access, attack: 'workflow', tried: 1, refused: 1, detail: 'another unit' },
      '',
      { corpus: 'something new', attack: 'x', tried: 1, refused: 1 },
    ]);
    const section = await securitySection(file);
    expect(section).toMatch(/^## Security corpora\n\nProduced by `npm run faults` on \d{4}-\d{2}-\d{2}: /);
    const table = section.split('\n').filter((line) => line.startsWith('|'));
    expect(table).toEqual([
      '| Corpus | What is tried | Tried | Refused | Leaked / appended |',
      '|---|---|---|---|---|',
      '| cross-workspace access | workflow (3); run (2). A case: one operation by one identity / another unit | 5 | 5 | 0 |',
      '| SSRF | loopback (18); redirects \\| into loopback (3). A case: one URL fetched | 21 | 20 | 1 |',
      '| something new | x (1) | 1 | 1 | 0 |',
      '| **all corpora** | | 27 | 26 | 1 |',
    ]);
  });

  it('reads what recordCorpus writes, and nothing when WEFT_SECURITY_REPORT is unset', async () => {
    const file = path.join(dir, 'recorded.jsonl');
    const previous = process.env.WEFT_SECURITY_REPORT;
    try {
      delete process.env.WEFT_SECURITY_REPORT;
      recordCorpus({ corpus: SECURITY_CORPORA.graphs, attack: 'unrecorded', tried: 1, refused: 1 });
      process.env.WEFT_SECURITY_REPORT = file;
      recordCorpus({ corpus: SECURITY_CORPORA.graphs, attack: 'random graphs', tried: 930, refused: 930, detail: 'one graph' });
      recordCorpus({ corpus: SECURITY_CORPORA.canary, attack: 'log lines', tried: 400, refused: 400, leaked: 0 });
    } finally {
      if (previous === undefined) delete process.env.WEFT_SECURITY_REPORT;
      else process.env.WEFT_SECURITY_REPORT = previous;
    }
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
    const rows = (await securitySection(file)).split('\n').filter((line) => /^\| (secret canary|malformed graphs) /.test(line));
    expect(rows).toEqual(['| secret canary | log lines (400) | 400 | 400 | 0 |', '| malformed graphs | random graphs (930). A case: one graph | 930 | 930 | 0 |']);
  });

  it('says the corpora were not run when there is no tally, or an empty one', async () => {
    expect(await securitySection(undefined)).toMatch(/were not run in this run \(no `WEFT_SECURITY_REPORT` tally file was given\)/);
    expect(await securitySection(path.join(dir, 'missing.jsonl'))).toMatch(/were not run in this run \(no tally file at .*missing\.jsonl\)/);
    expect(await securitySection(await tally('empty.jsonl', []))).toMatch(/were not run in this run \(the suites recorded nothing\)/);
  });

  it('refuses a malformed tally rather than reporting less than was run', async () => {
    await expect(securitySection(await tally('torn.jsonl', [{ corpus: 'c', attack: 'a', tried: 1, refused: 1 }, '{"corpus": "c", "att']))).rejects.toThrow(/line 2: not JSON/);
    await expect(securitySection(await tally('negative.jsonl', [{ corpus: 'c', attack: 'a', tried: -1, refused: 0 }]))).rejects.toThrow(/line 1: "tried" must be a whole number/);
    await expect(securitySection(await tally('more.jsonl', [{ corpus: 'c', attack: 'a', tried: 1, refused: 2 }]))).rejects.toThrow(/line 1: refused \(2\) exceeds tried \(1\)/);
    await expect(securitySection(await tally('nameless.jsonl', [{ attack: 'a', tried: 1, refused: 1 }]))).rejects.toThrow(/line 1: "corpus" and "attack"/);
  });

  it('names suites that exist, each once', async () => {
    expect(SECURITY_SUITES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(SECURITY_SUITES).size).toBe(SECURITY_SUITES.length);
    for (const suite of SECURITY_SUITES) await expect(stat(path.resolve(import.meta.dirname, '../../../../..', suite)).then((s) => s.isFile())).resolves.toBe(true);
  });
});
