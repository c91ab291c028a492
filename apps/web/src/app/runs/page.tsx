import { Suspense } from 'react';
import { RunsPage } from '@/features/runs/runs-page';

/** The filters live in the query string, read in the browser: Suspense keeps the rest of the route static. */
export default function Page() {
  return (
    <Suspense fallback={<div className="p-8 text-sm text-slate-500">Loading…</div>}>
      <RunsPage />
    </Suspense>
  );
}
