import { SetMetadata } from '@nestjs/common';
import type { Role } from '@weft/auth';

export const REQUIRED_ROLE = 'weft:required-role';
export const ACCOUNT_LEVEL = 'weft:account-level';

/** The least role that may call this resolver (members read and run by default). */
export const Requires = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** For resolvers about the signed-in account itself: a caller is needed, a workspace is not. */
export const AccountLevel = () => SetMetadata(ACCOUNT_LEVEL, true);
