'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Button, ErrorText, TextInput } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { signIn, signUp } from '@/lib/auth/auth-api';

/** Sign-up and sign-in share one form; a full page load afterwards starts a fresh GraphQL client for the new session. */
export function AuthForm({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => {
      const entry = form.get(key);
      return typeof entry === 'string' ? entry : '';
    };
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'sign-up') await signUp({ name: value('name'), email: value('email'), password: value('password'), workspace: value('workspace') });
      else await signIn({ email: value('email'), password: value('password') });
      window.location.assign('/workflows');
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : String(caught);
      setError(message);
      toast.error(message);
      setBusy(false);
    }
  }

  const signingUp = mode === 'sign-up';
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-xl bg-white p-8 shadow">
      <h1 className="mb-6 text-2xl font-semibold">{signingUp ? 'Create your Weft account' : 'Sign in to Weft'}</h1>
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        {signingUp && <TextInput label="Name" name="name" required autoComplete="name" />}
        <TextInput label="Email" name="email" type="email" required autoComplete="email" />
        <TextInput label="Password" name="password" type="password" required minLength={10} autoComplete={signingUp ? 'new-password' : 'current-password'} />
        {signingUp && <TextInput label="Workspace" name="workspace" required defaultValue="My workspace" />}
        {error && <ErrorText>{error}</ErrorText>}
        <Button type="submit" variant="primary" disabled={busy} aria-busy={busy} className="w-full">
          {busy ? (signingUp ? 'Creating your account…' : 'Signing in…') : signingUp ? 'Sign up' : 'Sign in'}
        </Button>
      </form>
      <p className="mt-4 text-center text-sm text-slate-600">
        {signingUp ? (
          <>
            Have an account? <Link className="text-indigo-600" href="/sign-in">Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link className="text-indigo-600" href="/sign-up">Create an account</Link>
          </>
        )}
      </p>
    </main>
  );
}
