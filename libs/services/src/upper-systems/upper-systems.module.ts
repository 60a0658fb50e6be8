import { Module } from '@nestjs/common';
import { APP_CONFIG } from '#config/index.js';
import { createSecretBox } from '#social/social-providers.js';
import { SignedRequestVerifier } from './signed-request-verifier.js';
import { UPPER_SYSTEM_SECRET_BOX } from './upper-system-secret-box.js';
import { UpperSystemRepository } from './upper-system.repository.js';
import { UpperSystemsService } from './upper-systems.service.js';

/** Upper-level information systems: the registry (sealed HMAC secrets) and the signed-request check. */
@Module({
  providers: [{ provide: UPPER_SYSTEM_SECRET_BOX, inject: [APP_CONFIG], useFactory: createSecretBox }, UpperSystemRepository, UpperSystemsService, SignedRequestVerifier],
  exports: [UpperSystemsService, SignedRequestVerifier, UpperSystemRepository],
})
export class UpperSystemsModule {}
