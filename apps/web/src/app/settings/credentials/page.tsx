import { CredentialsSection } from '@/features/settings/credentials-section';

export default function Page() {
  return <CredentialsSection />;
}
