'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { ME } from '@/lib/graphql/operations';

/** Home: to the workflows when signed in with a workspace, else to sign-in. */
export default function Home() {
  const router = useRouter();
  const [{ data, error, fetching }] = useQuery({ query: ME });
  useEffect(() => {
    if (fetching) return;
    router.replace(data?.me.workspaceId ? '/workflows' : '/sign-in');
  }, [data, error, fetching, router]);
  return <div className="p-8 text-sm text-slate-500">Loading…</div>;
}
