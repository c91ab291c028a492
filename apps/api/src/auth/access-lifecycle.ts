import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS, type Access } from './access.js';

/** Closes the account pool with the application. */
@Injectable()
export class AccessLifecycle implements OnModuleDestroy {
  constructor(@Inject(ACCESS) private readonly access: Access) {}

  onModuleDestroy(): Promise<void> {
    return this.access.close();
  }
}
