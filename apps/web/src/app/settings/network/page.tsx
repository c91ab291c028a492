import { NetworkSection } from '@/features/settings/network-section';

export default function Page() {
  return <NetworkSection />;
}
