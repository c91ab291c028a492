'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { errorCode } from '@/lib/graphql/errors';
import { ME, type Me } from '@/lib/graphql/operations';

/** Who is signed in, and their role in the active workspace; a signed-out visitor goes to sign-in. */
export function useMe(): { me: Me | undefined; fetching: boolean } {
  const router = useRouter();
  const [{ data, error, fetching }] = useQuery({ query: ME });
  useEffect(() => {
    if (errorCode(error) === 'UNAUTHENTICATED') router.replace('/sign-in');
  }, [error, router]);
  return { me: data?.me, fetching };
}
