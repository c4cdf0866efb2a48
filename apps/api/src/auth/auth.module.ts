import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyStore } from './api-key-store.js';
import { RolesGuard } from './roles.guard.js';

/** API keys and the global roles guard. */
@Module({
  providers: [ApiKeyStore, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [ApiKeyStore],
})
export class AuthModule {}
