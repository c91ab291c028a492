'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { AppHeader } from '@/components/app-header';
import { Button, ErrorText } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { ME } from '@/lib/graphql/operations';
import { Loading } from './settings-ui';
import { acceptInvitation, getInvitation, rejectInvitation, type InvitationDetails } from './workspace-api';

/** Where an invitee lands from the link an owner passed on: sign in with the invited address, then accept. */
export function InvitationPage({ invitationId }: { invitationId: string }) {
  const [{ data, fetching, error: meError }] = useQuery({ query: ME });
  const signedIn = !!data?.me;
  const [invitation, setInvitation] = useState<InvitationDetails>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<'accepting' | 'declining'>();
  const toast = useToast();
  const [declined, setDeclined] = useState(false);

  useEffect(() => {
    if (signedIn) getInvitation(invitationId).then(setInvitation, (e: Error) => setError(e.message));
  }, [signedIn, invitationId]);

  async function answer(accept: boolean) {
    setBusy(accept ? 'accepting' : 'declining');
    setError(undefined);
    try {
      if (accept) {
        await acceptInvitation(invitationId);
        // The workspace is now the session's active one: a full load reads it afresh.
        window.location.assign('/settings');
        return;
      }
      await rejectInvitation(invitationId);
      setDeclined(true);
    } catch (e) {
      setError((e as Error).message);
      toast.error(e as Error);
    }
    setBusy(undefined);
  }

  if (fetching && !data && !meError) return <Loading label="Loading" />;
  if (!signedIn) {
    return (
      <main className="mx-auto mt-24 max-w-md rounded-xl bg-white p-8 shadow">
        <h1 className="mb-3 text-2xl font-semibold">You have been invited to a Weft workspace</h1>
        <p className="mb-4 text-sm text-slate-600">Sign in, or create an account, with the email address the invitation was sent for. Then open this link again.</p>
        <p className="mb-4 break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs">{typeof window === 'undefined' ? '' : window.location.href}</p>
        <div className="flex gap-3 text-sm">
          <Link className="text-indigo-600" href="/sign-in">
            Sign in
          </Link>
          <Link className="text-indigo-600" href="/sign-up">
            Create an account
          </Link>
        </div>
      </main>
    );
  }
  return (
    <div className="min-h-full">
      <AppHeader />
      <main className="mx-auto mt-12 max-w-md rounded-xl bg-white p-8 shadow">
        <h1 className="mb-4 text-2xl font-semibold">Invitation</h1>
        {error && (
          <div className="mb-4 space-y-2">
            <ErrorText>{error}</ErrorText>
            <p className="text-sm text-slate-600">
              You are signed in as {data?.me.email}. An invitation can be opened only by the address it was made for, while it is pending.
            </p>
          </div>
        )}
        {!invitation && !error && <Loading label="Loading the invitation" />}
        {invitation && !declined && (
          <>
            <p className="mb-6 text-sm text-slate-700" data-testid="invitation-summary">
              {invitation.inviterEmail} invites you ({invitation.email}) to <strong>{invitation.organizationName}</strong> as <strong>{invitation.role}</strong>. It expires {new Date(invitation.expiresAt).toLocaleDateString()}.
            </p>
            <div className="flex gap-2">
              <Button variant="primary" disabled={busy !== undefined} aria-busy={busy === 'accepting'} onClick={() => void answer(true)}>
                {busy === 'accepting' ? 'Accepting…' : 'Accept invitation'}
              </Button>
              <Button disabled={busy !== undefined} aria-busy={busy === 'declining'} onClick={() => void answer(false)}>
                {busy === 'declining' ? 'Declining…' : 'Decline'}
              </Button>
            </div>
          </>
        )}
        {declined && <p className="text-sm text-slate-600">You declined the invitation.</p>}
      </main>
    </div>
  );
}
