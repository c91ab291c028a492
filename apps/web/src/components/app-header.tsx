'use client';

import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { signOut } from '@/lib/auth/auth-api';
import { ME } from '@/lib/graphql/operations';
import { WorkspaceSwitcher } from '@/features/settings/workspace-switcher';
import { ThemeToggle } from '@/features/theme/theme-toggle';
import { useToast } from '@/features/toast/toast-provider';
import { Button } from './ui';

export function AppHeader({ children }: { children?: ReactNode }) {
  const [{ data }] = useQuery({ query: ME });
  const toast = useToast();
  const [signingOut, setSigningOut] = useState(false);
  // A refused sign-out keeps the page (the session is still alive) and says why.
  const leave = () => {
    setSigningOut(true);
    signOut().then(
      () => window.location.assign('/sign-in'),
      (error: Error) => {
        toast.error(error);
        setSigningOut(false);
      },
    );
  };
  return (
    <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <Link href="/workflows" className="text-lg font-semibold tracking-tight text-indigo-700 dark:text-indigo-400">
        Weft
      </Link>
      <nav aria-label="Main" className="flex items-center gap-3 text-sm">
        <Link href="/workflows" className="text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-400">Workflows</Link>
        <Link href="/runs" className="text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-400">Runs</Link>
        <Link href="/dashboard" className="text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-400">Dashboard</Link>
      </nav>
      <div className="flex flex-1 items-center gap-2">{children}</div>
      <WorkspaceSwitcher /><Link href="/settings" className="text-sm text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-400">Settings</Link>
      {data?.me && (
        <span className="text-sm text-slate-600 dark:text-slate-400" data-testid="whoami">
          {data.me.email} · {data.me.workspaceName}
        </span>
      )}
      <ThemeToggle />
      <Button onClick={leave} disabled={signingOut} aria-busy={signingOut}>
        {signingOut ? 'Signing out…' : 'Sign out'}
      </Button>
    </header>
  );
}
