import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { SECURITY_CORPORA, type CorpusRecord } from '@weft/testing';

/** The suites `npm run faults` runs for this section, in the order of the table (scripts/faults.mjs reads the same file). */
export const SECURITY_SUITES = JSON.parse(readFileSync(new URL('./security-suites.json', import.meta.url), 'utf8')) as readonly string[];

type Row = { corpus: string; details: string[]; attacks: Map<string, number>; tried: number; refused: number; leaked: number };

const count = (value: unknown, field: string, line: number): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`security tally, line ${line}: "${field}" must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return value;
};

/** Reads the tally (one JSON record a line), refusing a malformed line rather than reporting less than was run. */
function parseTally(text: string): CorpusRecord[] {
  return text.split('\n').flatMap((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error(`security tally, line ${line}: not JSON: ${raw.slice(0, 80)}`);
    }
    const record = parsed as Record<string, unknown>;
    if (typeof record.corpus !== 'string' || !record.corpus || typeof record.attack !== 'string' || !record.attack) throw new Error(`security tally, line ${line}: "corpus" and "attack" must be non-empty strings`);
    const tried = count(record.tried, 'tried', line);
    const refused = count(record.refused, 'refused', line);
    if (refused > tried) throw new Error(`security tally, line ${line}: refused (${refused}) exceeds tried (${tried})`);
    return [{ corpus: record.corpus, attack: record.attack, tried, refused, leaked: count(record.leaked ?? 0, 'leaked', line), ...(typeof record.detail === 'string' ? { detail: record.detail } : {}) }];
  });
}

/** One row per corpus, the known corpora first in their order, then any other in order of appearance. */
function rowsOf(records: readonly CorpusRecord[]): Row[] {
  const rows = new Map<string, Row>();
  for (const record of records) {
    let row = rows.get(record.corpus);
    if (!row) rows.set(record.corpus, (row = { corpus: record.corpus, details: [], attacks: new Map(), tried: 0, refused: 0, leaked: 0 }));
    row.tried += record.tried;
    row.refused += record.refused;
    row.leaked += record.leaked ?? 0;
    row.attacks.set(record.attack, (row.attacks.get(record.attack) ?? 0) + record.tried);
    if (record.detail && !row.details.includes(record.detail)) row.details.push(record.detail);
  }
  const order: string[] = Object.values(SECURITY_CORPORA);
  const rank = (corpus: string) => (order.includes(corpus) ? order.indexOf(corpus) : order.length);
  return [...rows.values()].sort((a, b) => rank(a.corpus) - rank(b.corpus));
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * The security section of docs/RELIABILITY.md, from the tally the security suites wrote in
 * this run (`WEFT_SECURITY_REPORT`): per corpus, the cases tried, those seen refused, and
 * what leaked or was appended. A line saying they were not run when there is no tally.
 */
export async function securitySection(tallyPath: string | undefined): Promise<string> {
  const heading = '## Security corpora\n\n';
  const notRun = (why: string) => `${heading}The security corpora were not run in this run (${why}): no figures for them here.\n`;
  if (!tallyPath) return notRun('no `WEFT_SECURITY_REPORT` tally file was given');
  const written = await stat(tallyPath).catch(() => undefined);
  if (!written) return notRun(`no tally file at ${tallyPath}`);
  const rows = rowsOf(parseTally(await readFile(tallyPath, 'utf8')));
  if (rows.length === 0) return notRun('the suites recorded nothing');

  const total = rows.reduce((sum, r) => ({ tried: sum.tried + r.tried, refused: sum.refused + r.refused, leaked: sum.leaked + r.leaked }), { tried: 0, refused: 0, leaked: 0 });
  const lines = rows.map((r) => {
    const attacks = [...r.attacks].map(([attack, tried]) => `${attack} (${tried})`).join('; ');
    const what = r.details.length ? `${attacks}. A case: ${r.details.join(' / ')}` : attacks;
    return `| ${cell(r.corpus)} | ${cell(what)} | ${r.tried} | ${r.refused} | ${r.leaked} |`;
  });
  return `${heading}Produced by \`npm run faults\` on ${written.mtime.toISOString().slice(0, 10)}: before the fault scenarios, it runs the security
suites with \`WEFT_SECURITY_REPORT\` set (${SECURITY_SUITES.map((file) => `\`${file.split('/').at(-1)}\``).join(', ')}),
and each suite records, per attack, the cases it actually tried and those it saw refused. A case counts
as refused only when the test observed the refusal — the expected error code or status, the
blocked-address error with no connection reaching the canary server, no canary value found, no event
appended — and a suite fails unless every case it tried was refused. **Leaked / appended** counts what
got through: canary values found, connections or requests reaching a server they must not reach,
events appended or pushed by a refused request. In *What is tried*, each attack is followed by its
number of cases.

| Corpus | What is tried | Tried | Refused | Leaked / appended |
|---|---|---|---|---|
${lines.join('\n')}
| **all corpora** | | ${total.tried} | ${total.refused} | ${total.leaked} |
`;
}
