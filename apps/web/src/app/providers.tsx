'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { Provider, type Client } from 'urql';
import { ToastProvider } from '@/features/toast/toast-provider';
import { createGraphqlClient } from '@/lib/graphql/create-client';

/**
 * The GraphQL client lives in the browser only (it needs the page's origin for its
 * WebSocket): pages render after mount, so nothing queries during server rendering.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [client, setClient] = useState<Client>();
  useEffect(() => {
    setClient(createGraphqlClient());
  }, []);
  if (!client) return <div className="p-8 text-sm text-slate-500 dark:text-slate-400">Loading…</div>;
  return (
    <Provider value={client}>
      <ToastProvider>{children}</ToastProvider>
    </Provider>
  );
}
