import { ApiKeysSection } from '@/features/settings/api-keys-section';

export default function Page() {
  return <ApiKeysSection />;
}
