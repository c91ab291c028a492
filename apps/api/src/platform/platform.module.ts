import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Platform } from '@weft/engine';

/** Injection token of the shared Platform (pool, Prisma, Redis, event store, aggregates). */
export const PLATFORM = Symbol('PLATFORM');

/** Makes an already created Platform injectable everywhere; whoever created it closes it. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(platform: Platform): DynamicModule {
    return { module: PlatformModule, providers: [{ provide: PLATFORM, useValue: platform }], exports: [PLATFORM] };
  }
}
