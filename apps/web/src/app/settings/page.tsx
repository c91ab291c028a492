import { WorkspaceSection } from '@/features/settings/workspace-section';

export default function Page() {
  return <WorkspaceSection />;
}
