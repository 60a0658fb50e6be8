import type { FieldProblem } from '../errors.js';
import { cleanText } from '../text/clean-text.js';

/** Usernames are ASCII so officers can type them on any keyboard; stored lower-case, compared lower-case. */
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 50;
export const USERNAME_PATTERN = /^[a-z0-9._-]+$/;

/** Long passphrases beat complexity rules; the upper bound keeps argon2 input (and request bodies) sane. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const DISPLAY_NAME_MAX_LENGTH = 100;

export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Trimmed and NFC-composed, so search and sorting see one spelling of each Vietnamese letter. */
export function normalizeDisplayName(raw: string): string {
  return cleanText(raw);
}

export function usernameProblems(username: string, field = 'username'): FieldProblem[] {
  if (username.length < USERNAME_MIN_LENGTH) {
    return [{ field, rule: 'minLength', message: `quá ngắn (tối thiểu ${USERNAME_MIN_LENGTH} ký tự)` }];
  }
  if (username.length > USERNAME_MAX_LENGTH) {
    return [{ field, rule: 'maxLength', message: `dài quá mức cho phép (${USERNAME_MAX_LENGTH} ký tự)` }];
  }
  if (!USERNAME_PATTERN.test(username)) {
    return [{ field, rule: 'matches', message: 'chỉ gồm chữ thường không dấu, chữ số và các ký tự . _ -' }];
  }
  return [];
}

export function displayNameProblems(displayName: string, field = 'displayName'): FieldProblem[] {
  if (displayName.length === 0) return [{ field, rule: 'isNotEmpty', message: 'không được để trống' }];
  if (displayName.length > DISPLAY_NAME_MAX_LENGTH) {
    return [{ field, rule: 'maxLength', message: `dài quá mức cho phép (${DISPLAY_NAME_MAX_LENGTH} ký tự)` }];
  }
  return [];
}

/**
 * A new password: within the length bounds, not the username, and (when changing one's own)
 * not the current password again.
 */
export function passwordProblems(
  password: string,
  context: { field?: string; username: string; currentPassword?: string },
): FieldProblem[] {
  const field = context.field ?? 'password';
  if (password.length < PASSWORD_MIN_LENGTH) {
    return [{ field, rule: 'minLength', message: `quá ngắn (tối thiểu ${PASSWORD_MIN_LENGTH} ký tự)` }];
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return [{ field, rule: 'maxLength', message: `dài quá mức cho phép (${PASSWORD_MAX_LENGTH} ký tự)` }];
  }
  if (password.trim().toLowerCase() === context.username.toLowerCase()) {
    return [{ field, rule: 'notUsername', message: 'không được trùng với tên đăng nhập' }];
  }
  if (context.currentPassword !== undefined && password === context.currentPassword) {
    return [{ field, rule: 'notCurrent', message: 'phải khác mật khẩu hiện tại' }];
  }
  return [];
}
