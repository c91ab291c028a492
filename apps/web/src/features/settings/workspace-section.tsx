'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button, ErrorText, TextInput } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { Card, Empty, Loading, SectionTitle } from './settings-ui';
import { useMe } from './use-me';
import { createWorkspace, listWorkspaces, setActiveWorkspace, type Workspace } from './workspace-api';

/** The active workspace (name, your role) and every workspace you belong to, to switch or create one. */
export function WorkspaceSection() {
  const { me, fetching } = useMe();
  const [workspaces, setWorkspaces] = useState<Workspace[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'switching' | 'creating'>();
  const toast = useToast();

  useEffect(() => {
    listWorkspaces().then(setWorkspaces, (e: Error) => setError(e.message));
  }, []);

  async function run(kind: 'switching' | 'creating', action: () => Promise<unknown>) {
    setBusy(kind);
    setError(undefined);
    try {
      await action();
      window.location.reload();
    } catch (e) {
      setError((e as Error).message);
      toast.error(e as Error);
      setBusy(undefined);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const entry = new FormData(event.currentTarget).get('name');
    const name = typeof entry === 'string' ? entry.trim() : '';
    if (name) void run('creating', () => createWorkspace(name));
  }

  return (
    <>
      <SectionTitle title="Workspace">Everything you see and do acts in the active workspace.</SectionTitle>
      {error && <ErrorText>{error}</ErrorText>}
      <Card title="Active workspace" testId="active-workspace">
        {fetching && !me ? (
          <Loading label="Loading the workspace" />
        ) : me?.workspaceId ? (
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium" data-testid="workspace-name">{me.workspaceName}</dd>
            <dt className="text-slate-500">Your role</dt>
            <dd data-testid="workspace-role">{me.role}</dd>
            <dt className="text-slate-500">Signed in as</dt>
            <dd>{me.email}</dd>
            <dt className="text-slate-500">Workspace id</dt>
            <dd className="font-mono text-xs">{me.workspaceId}</dd>
          </dl>
        ) : (
          <Empty>No active workspace: choose one below or create one.</Empty>
        )}
      </Card>
      <Card title="Your workspaces">
        {!workspaces ? (
          <Loading label="Loading your workspaces" />
        ) : workspaces.length === 0 ? (
          <Empty>You belong to no workspace yet.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="workspace-list">
            {workspaces.map((w) => (
              <li key={w.id} className="flex items-center gap-2 py-2 text-sm">
                <span className="flex-1 font-medium">{w.name}</span>
                <span className="font-mono text-xs text-slate-500">{w.slug}</span>
                {w.id === me?.workspaceId ? (
                  <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">active</span>
                ) : (
                  <Button disabled={busy !== undefined} aria-busy={busy === 'switching'} onClick={() => void run('switching', () => setActiveWorkspace(w.id))} aria-label={`Switch to ${w.name}`}>
                    {busy === 'switching' ? 'Switching…' : 'Switch'}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="New workspace">
        <form onSubmit={submit} className="flex items-end gap-2">
          <div className="flex-1">
            <TextInput label="Workspace name" name="name" required maxLength={100} />
          </div>
          <Button type="submit" variant="primary" disabled={busy !== undefined} aria-busy={busy === 'creating'}>
            {busy === 'creating' ? 'Creating…' : 'Create workspace'}
          </Button>
        </form>
        <p className="mt-2 text-xs text-slate-500">You become its owner, and it becomes your active workspace.</p>
      </Card>
    </>
  );
}
