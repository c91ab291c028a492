import { Module, type DynamicModule } from '@nestjs/common';
import type { Platform, Role } from '@weft/engine';
import { PLATFORM, ROLES, RolesService } from './roles.service.js';

/** The background process as a Nest standalone application: worker, relay, projector, scheduler. */
@Module({})
export class WorkerModule {
  static forRoot(platform: Platform, roles: Role[]): DynamicModule {
    return {
      module: WorkerModule,
      providers: [{ provide: PLATFORM, useValue: platform }, { provide: ROLES, useValue: roles }, RolesService],
    };
  }
}
