'use client';

import { useState } from 'react';
import { Button } from '@/components/ui';

/** The run input as JSON; starts only with text that parses. */
export function RunDialog({ busy, onStart, onClose }: { busy: boolean; onStart: (input: unknown) => void; onClose: () => void }) {
  const [text, setText] = useState('{}');
  let error: string | undefined;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  return (
    <div role="dialog" aria-label="Run workflow" className="absolute right-4 top-14 z-20 w-96 rounded-lg border border-slate-200 bg-white p-4 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:shadow-black/50">
      <label htmlFor="run-input" className="mb-1 block text-sm font-medium">
        Run input (JSON)
      </label>
      <textarea id="run-input" rows={6} className="w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950" value={text} onChange={(e) => setText(e.target.value)} />
      {error && <p className="text-xs text-red-700 dark:text-red-400">{error}</p>}
      <div className="mt-2 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="primary" disabled={busy || error !== undefined} aria-busy={busy} onClick={() => onStart(input)}>
          {busy ? 'Starting…' : 'Start run'}
        </Button>
      </div>
    </div>
  );
}
