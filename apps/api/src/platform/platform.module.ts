import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Platform } from '@weft/engine';
import { ACCESS, type Access } from '../auth/access.js';
import { AccessLifecycle } from '../auth/access-lifecycle.js';

/** Injection token of the shared Platform (pool, Prisma, Redis, event store, aggregates). */
export const PLATFORM = Symbol('PLATFORM');

/** Makes an already created Platform (and the API's Access) injectable everywhere; whoever created it closes it. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(platform: Platform, access: Access): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: PLATFORM, useValue: platform },
        { provide: ACCESS, useValue: access },
        AccessLifecycle,
      ],
      exports: [PLATFORM, ACCESS],
    };
  }
}
