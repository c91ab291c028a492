import { MembersSection } from '@/features/settings/members-section';

export default function Page() {
  return <MembersSection />;
}
