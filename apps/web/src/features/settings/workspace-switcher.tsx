'use client';

import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useToast } from '@/features/toast/toast-provider';
import { ME } from '@/lib/graphql/operations';
import { listWorkspaces, setActiveWorkspace, type Workspace } from './workspace-api';

/**
 * The header's workspace picker: lists the signed-in person's workspaces and makes the
 * chosen one active. A full reload follows, so every page reads the new workspace's data
 * through a fresh GraphQL client.
 */
export function WorkspaceSwitcher() {
  const [{ data }] = useQuery({ query: ME });
  const [workspaces, setWorkspaces] = useState<Workspace[]>();
  const [error, setError] = useState<string>();
  const [switching, setSwitching] = useState(false);
  const toast = useToast();
  const activeId = data?.me.workspaceId ?? '';

  useEffect(() => {
    if (data?.me.kind !== 'user') return;
    listWorkspaces().then(setWorkspaces, (e: Error) => setError(e.message));
  }, [data?.me.kind, activeId]);

  async function choose(id: string) {
    setSwitching(true);
    setError(undefined);
    try {
      await setActiveWorkspace(id);
      window.location.reload();
    } catch (e) {
      setError((e as Error).message);
      toast.error(e as Error);
      setSwitching(false);
    }
  }

  if (!workspaces || workspaces.length === 0) return error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null;
  return (
    <label className="flex items-center gap-1 text-sm text-slate-600">
      <span className="sr-only">Workspace</span>
      <select
        aria-label="Workspace"
        data-testid="workspace-switcher"
        value={activeId}
        disabled={switching}
        onChange={(e) => void choose(e.target.value)}
        className="max-w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {!activeId && <option value="">Choose a workspace…</option>}
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
    </label>
  );
}
