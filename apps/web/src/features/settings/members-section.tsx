'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button, ErrorText, TextInput } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { can, INVITABLE_ROLES, whyNot } from './settings-permissions';
import { Card, ConfirmButton, CopyButton, Empty, Loading, Notice, RoleHint, SectionTitle, SelectInput } from './settings-ui';
import { useMe } from './use-me';
import { cancelInvitation, getActiveWorkspace, inviteMember, invitationLink, type FullWorkspace, type Invitation } from './workspace-api';

/** The members with their roles; owners invite by email and pass the invitation's link on themselves. */
export function MembersSection() {
  const { me } = useMe();
  const [workspace, setWorkspace] = useState<FullWorkspace | null>();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<Invitation>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const mayInvite = can(me?.role, 'members.invite');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;

  const load = useCallback(() => getActiveWorkspace().then(setWorkspace, (e: Error) => setError(e.message)), []);
  useEffect(() => {
    void load();
  }, [load]);

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      const email = data.get('email');
      const role = data.get('role');
      const invitation = await inviteMember(typeof email === 'string' ? email.trim() : '', typeof role === 'string' ? role : 'member');
      setCreated(invitation);
      form.reset();
      await load();
    } catch (e) {
      setError((e as Error).message);
      toast.error(e as Error);
    } finally {
      setBusy(false);
    }
  }

  const pending = (workspace?.invitations ?? []).filter((i) => i.status === 'pending' && new Date(i.expiresAt) > new Date());
  return (
    <>
      <SectionTitle title="Members">Owners invite people by email. Weft sends no email: pass the invitation link on yourself.</SectionTitle>
      {error && <ErrorText>{error}</ErrorText>}
      <Card title="Members">
        {workspace === undefined ? (
          <Loading label="Loading members" />
        ) : workspace === null ? (
          <Empty>No active workspace.</Empty>
        ) : (
          <table className="w-full text-sm" data-testid="member-list">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Email</th>
                <th className="py-1 font-medium">Role</th>
              </tr>
            </thead>
            <tbody>
              {workspace.members.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="py-2">{m.user.name}</td>
                  <td className="py-2">{m.user.email}</td>
                  <td className="py-2">{m.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Invite someone">
        {mayInvite ? (
          <form onSubmit={(e) => void invite(e)} className="grid grid-cols-[1fr_10rem_auto] items-end gap-2">
            <TextInput label="Email to invite" name="email" type="email" required autoComplete="off" />
            <SelectInput label="Role" name="role" defaultValue="member" options={INVITABLE_ROLES.map((r) => ({ value: r, label: r }))} />
            <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
              {busy ? 'Inviting…' : 'Invite'}
            </Button>
          </form>
        ) : (
          <RoleHint>{whyNot(me?.role, 'members.invite')}</RoleHint>
        )}
        {created && (
          <div className="mt-3 space-y-2" data-testid="created-invitation">
            <Notice>
              Invitation for {created.email} as {created.role} created. Send them this link; they accept it after signing in with that address.
            </Notice>
            <div className="flex items-center gap-2">
              <code id="created-invitation-link" className="flex-1 truncate rounded bg-slate-100 px-2 py-1 text-xs" data-testid="invitation-link">
                {invitationLink(origin, created.id)}
              </code>
              <CopyButton text={invitationLink(origin, created.id)} label="Copy link" targetId="created-invitation-link" />
            </div>
          </div>
        )}
      </Card>
      {mayInvite && (
        <Card title="Pending invitations">
          {pending.length === 0 ? (
            <Empty>No pending invitations.</Empty>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="invitation-list">
              {pending.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <span className="flex-1">
                    {i.email} · {i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}
                    <span className="block font-mono text-xs text-slate-500">id {i.id}</span>
                  </span>
                  <CopyButton text={invitationLink(origin, i.id)} label="Copy link" />
                  <ConfirmButton label="Cancel invitation" question={`Cancel the invitation for ${i.email}?`} confirmLabel="Yes, cancel it" onConfirm={() =>
                      cancelInvitation(i.id).then(load, (e: Error) => {
                        setError(e.message);
                        toast.error(e);
                      })
                    }
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}
