import { WorkflowsPage } from '@/features/workflows/workflows-page';

export default function Page() {
  return <WorkflowsPage />;
}
