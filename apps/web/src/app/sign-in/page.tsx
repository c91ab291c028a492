import { AuthForm } from '@/features/auth/auth-form';

export default function SignInPage() {
  return <AuthForm mode="sign-in" />;
}
