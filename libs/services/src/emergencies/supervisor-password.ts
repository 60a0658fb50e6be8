import { Injectable } from '@nestjs/common';
import { InvalidInputError, type Actor } from '#domain/index.js';
import { UserRepository } from '#persistence/index.js';
import { invalidSession } from '../auth/auth.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { PasswordHasher } from '../auth/password-hasher.js';

/**
 * A supervisor confirms an emergency with their password. A wrong one counts as a failed login, so a
 * stolen access token cannot try passwords here faster than at the login form.
 */
@Injectable()
export class SupervisorPassword {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async verify(actor: Actor, password: string, clientIp: string): Promise<void> {
    const credentials = await this.users.findActiveCredentialsById(actor.userId);
    if (!credentials) throw invalidSession();
    await this.throttle.assertAllowed(credentials.username, clientIp);
    if (!(await this.hasher.verify(credentials.passwordHash, password))) {
      await this.throttle.recordFailure(credentials.username, clientIp);
      throw new InvalidInputError([{ field: 'password', rule: 'mismatch', message: 'Mật khẩu không đúng; nhập mật khẩu đăng nhập của bạn để xác nhận' }]);
    }
    await this.throttle.recordSuccess(credentials.username, clientIp);
  }
}
