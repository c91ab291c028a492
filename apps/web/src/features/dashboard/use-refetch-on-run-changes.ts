'use client';

import { useEffect, useRef } from 'react';
import { useClient } from 'urql';
import { RUN_CHANGES } from '@/features/runs/runs.operations';

/** Calls `refetch` at most once per `quietMs` while runs change (runChanges pushes), so charts follow without hammering the API. */
export function useRefetchOnRunChanges(refetch: () => void, quietMs = 3_000): void {
  const client = useClient();
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  }, [refetch]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = client.subscription(RUN_CHANGES, {}).subscribe((result) => {
      if (!result.data || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        latest.current();
      }, quietMs);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(timer);
    };
  }, [client, quietMs]);
}
