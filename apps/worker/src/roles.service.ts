import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { startRoles, stopRoles, type Platform, type Role, type RoleHandle } from '@weft/engine';

export const PLATFORM = Symbol('PLATFORM');
export const ROLES = Symbol('ROLES');

/** Starts the selected background roles with the application and stops them (handing back work) before it closes. */
@Injectable()
export class RolesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private handles: RoleHandle[] = [];

  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(ROLES) private readonly roles: Role[],
  ) {}

  onApplicationBootstrap(): void {
    this.handles = startRoles(this.platform, this.roles);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await stopRoles(this.handles);
    this.handles = [];
  }
}
