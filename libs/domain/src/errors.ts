/** Domain errors carry a stable code and a message an officer can act on (Vietnamese). Edges map them to HTTP. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: 'not-found' | 'forbidden' | 'conflict' | 'invalid' | 'unauthenticated' | 'rate-limited';
  constructor(
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found' as const;
  constructor(entity: string) {
    super(`${entity}.not-found`, `Không tìm thấy ${ENTITY_LABELS[entity] ?? entity}`);
  }
}

export class ForbiddenActionError extends DomainError {
  readonly kind = 'forbidden' as const;
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict' as const;
}

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(details: FieldProblem[]) {
    super('validation', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated' as const;
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate-limited' as const;
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

const ENTITY_LABELS: Record<string, string> = {
  unit: 'đơn vị hành chính',
  user: 'người dùng',
  message: 'tin bài',
  broadcast: 'lượt phát',
  attachment: 'tệp đính kèm',
  station: 'đài truyền thanh',
  'station-group': 'nhóm đài truyền thanh',
  'station-slot': 'khung giờ phát',
  'station-audio': 'tệp âm thanh',
  version: 'phiên bản',
  'channel-account': 'tài khoản kênh mạng xã hội',
  subscriber: 'người nhận tin',
  'subscriber-import': 'lần nhập danh sách người nhận tin',
  board: 'bảng tin điện tử',
  'sms-sender-profile': 'brandname SMS của tỉnh',
  plan: 'kế hoạch thông tin, tuyên truyền',
  'plan-target': 'chỉ tiêu của kế hoạch',
  'plan-target-override': 'chỉ tiêu riêng của đơn vị',
  activity: 'hoạt động tuyên truyền',
  emergency: 'tin khẩn cấp',
  'upper-system': 'hệ thống thông tin cấp trên',
  relay: 'tin từ cấp trên',
};
