import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes). */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password).catch(() => false);
  }
}

/** Verifying against this when the user does not exist keeps login time the same either way. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$SFiEmX7rej9UQh68fJCiGw$T0kwGCb86oUudZe7RVWMND2Z5L0ls8nO6IZfQ2uxUPQ';
