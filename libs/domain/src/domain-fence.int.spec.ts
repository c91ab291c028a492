import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the lint configuration is plain JavaScript
import { domainFence } from '../../../eslint.config.js';

/** Lints `code` as if it were a file of libs/domain with only the purity fence on. */
async function fenceViolations(code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: new URL('../../..', import.meta.url).pathname,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, domainFence as object],
  });
  const [result] = await eslint.lintText(code, { filePath: 'libs/domain/src/probe.ts' });
  return result!.messages.map((m) => m.message);
}

describe('the lint fence around libs/domain', () => {
  it.each([
    ["import { readFile } from 'node:fs';", /no I\/O/],
    ["import fs from 'fs';", /no Node built-ins/],
    ["import { Injectable } from '@nestjs/common';", /no I\/O, no framework/],
    ["import { PrismaClient } from '@prisma/client';", /no I\/O/],
    ["import { Redis } from 'ioredis';", /no I\/O/],
    ['export const now = Date.now();', /command metadata/],
    ['export const id = Math.random();', /command metadata/],
    ['export const env = process.env.X;', /arrive as arguments/],
  ])('refuses %s', async (code, message) => {
    const violations = await fenceViolations(code);
    expect(violations).toEqual([expect.stringMatching(message)]);
  });

  it('lets pure code through', async () => {
    expect(await fenceViolations("import type { Json } from './shared/json.js';\nexport const f = (x: Json): Json => x;")).toEqual([]);
  });
});
