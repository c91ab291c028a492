'use client';

import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { Button, ErrorText } from '@/components/ui';
import { useErrorToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { VersionDiffView } from './version-diff-view';
import type { AuditEntry } from './versions.operations';
import { WORKFLOW_VERSIONS } from './versions.operations';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Who published each version, from the audit trail (entries beyond its first page show no one). */
function publishers(entries: AuditEntry[]): Map<number, string> {
  const byVersion = new Map<number, string>();
  for (const entry of entries) {
    const version = (entry.detail as { version?: unknown } | null)?.version;
    if (entry.action === 'workflow.version_published' && typeof version === 'number') byVersion.set(version, entry.actor.name ?? entry.actor.kind);
  }
  return byVersion;
}

/** The published versions, newest first; tick two to see what changed between them. */
export function VersionHistoryPanel({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const [{ data, error, fetching }] = useQuery({ query: WORKFLOW_VERSIONS, variables: { id: workflowId }, requestPolicy: 'network-only' });
  useErrorToast(error);
  const versions = useMemo(() => [...(data?.workflow?.versions ?? [])].reverse(), [data]);
  const by = useMemo(() => publishers(data?.workflow?.audit.nodes ?? []), [data]);
  const [picked, setPicked] = useState<number[]>();
  const [comparing, setComparing] = useState<{ from: number; to: number }>();
  // Until someone picks, the latest two are ticked.
  const selection = picked ?? versions.slice(0, 2).map((v) => v.version);

  const toggle = (version: number) => setPicked(selection.includes(version) ? selection.filter((v) => v !== version) : [...selection, version].slice(-2));
  const [a, b] = selection;

  return (
    <>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-base font-semibold">Version history</h2>
        <Button onClick={onClose}>Close</Button>
      </div>
      {error && <ErrorText>{errorMessage(error)}</ErrorText>}
      {fetching && !data && <p className="text-slate-500">Loading…</p>}
      {data && versions.length === 0 && <p className="text-slate-600 dark:text-slate-400">Nothing published yet: publish the workflow to make version 1.</p>}
      <ul className="mb-3 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-row-${v.version}`}>
            <label className="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
              <input type="checkbox" checked={selection.includes(v.version)} onChange={() => toggle(v.version)} aria-label={`Select version ${v.version}`} />
              <span className="font-medium">v{v.version}</span>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {when(v.publishedAt)}
                {by.has(v.version) && <> · {by.get(v.version)}</>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {versions.length > 1 && (
        <Button variant="primary" disabled={a === undefined || b === undefined} onClick={() => a !== undefined && b !== undefined && setComparing({ from: Math.min(a, b), to: Math.max(a, b) })}>
          {a !== undefined && b !== undefined ? `Compare v${Math.min(a, b)} → v${Math.max(a, b)}` : 'Tick two versions to compare'}
        </Button>
      )}
      {comparing && <VersionDiffView workflowId={workflowId} from={comparing.from} to={comparing.to} onClose={() => setComparing(undefined)} />}
    </>
  );
}
