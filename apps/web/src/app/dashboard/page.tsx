import { Suspense } from 'react';
import { DashboardPage } from '@/features/dashboard/dashboard-page';

/** The window lives in the query string, read in the browser: Suspense keeps the rest of the route static. */
export default function Page() {
  return (
    <Suspense fallback={<div className="p-8 text-sm text-slate-500">Loading…</div>}>
      <DashboardPage />
    </Suspense>
  );
}
