import { InvitationPage } from '@/features/settings/invitation-page';

/** The link an owner passes on: `/invitations/<invitation id>`. */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <InvitationPage invitationId={id} />;
}
