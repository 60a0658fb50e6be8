import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config/index.js';
import { SecretBoxError, UnauthenticatedError, type Actor, type SecretBox } from '#domain/index.js';
import { REDIS } from '#queue/index.js';
import { headerProblem, SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS, signatureMatches } from './request-signature.js';
import { UPPER_SYSTEM_SECRET_BOX } from './upper-system-secret-box.js';
import { UpperSystemRepository } from './upper-system.repository.js';

/** The upper-level system a signed request came from, as handlers see it. */
export interface CallingSystemInfo {
  id: string;
  name: string;
  unitId: string;
  unitPath: string;
  trusted: boolean;
  /** The system's own locked account: the author and approver of what it sends, in the audit log too. */
  actor: Actor;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: { system?: string; timestamp?: string; nonce?: string; signature?: string };
  body: Buffer;
}

/**
 * Checks a signed request (docs/upper-systems.md): headers, clock window, an active system, the
 * HMAC, and last a nonce never seen within the window (remembered in Redis). Any failure is a 401
 * with the reason; nothing is written before the request passes.
 */
@Injectable()
export class SignedRequestVerifier {
  private readonly logger = new Logger(SignedRequestVerifier.name);

  constructor(
    private readonly systems: UpperSystemRepository,
    @Inject(UPPER_SYSTEM_SECRET_BOX) private readonly box: SecretBox,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(request: SignedRequest, now = new Date()): Promise<CallingSystemInfo> {
    const problem = headerProblem(request.headers, now);
    if (problem) throw refused(`upper-system.${problem.rule}`, problem.message, problem.header, problem.rule);
    const { system: keyId, timestamp, nonce, signature } = request.headers as Required<SignedRequest['headers']>;
    const system = await this.systems.credentials(keyId);
    if (!system || !system.active) {
      throw refused('upper-system.unknown', 'Hệ thống gửi tin không được đăng ký hoặc đã bị vô hiệu hóa', SIGNATURE_HEADERS.system, 'unknown');
    }
    let secret: string;
    try {
      secret = this.box.open(system.secretEnc);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.logger.error({ systemId: system.id, reason: error.message }, 'upper system secret unreadable');
      throw refused('upper-system.secret-unreadable', 'Khóa của hệ thống không đọc được; cần cấp khóa mới', SIGNATURE_HEADERS.system, 'secret-unreadable');
    }
    if (!signatureMatches(secret, { method: request.method, path: request.path, timestamp, nonce, body: request.body }, signature)) {
      throw refused('upper-system.signature', 'Chữ ký không hợp lệ', SIGNATURE_HEADERS.signature, 'signature');
    }
    const key = `${this.config.queuePrefix}:upper-nonce:${system.id}:${nonce}`;
    // Remembered for the whole span a timestamp can be accepted (±window), so a replay is always caught.
    const fresh = await this.redis.set(key, timestamp, 'EX', 2 * SIGNATURE_WINDOW_SECONDS, 'NX');
    if (fresh !== 'OK') throw refused('upper-system.replay', 'Yêu cầu đã được gửi trước đó (nonce dùng lại)', SIGNATURE_HEADERS.nonce, 'replay');
    return {
      id: system.id,
      name: system.name,
      unitId: system.unitId,
      unitPath: system.unitPath,
      trusted: system.trusted,
      actor: { userId: system.userId, role: 'supervisor', unitId: system.unitId, unitPath: system.unitPath },
    };
  }
}

function refused(code: string, message: string, header: string, rule: string): UnauthenticatedError {
  return new UnauthenticatedError(code, message, [{ field: header, rule, message }]);
}
