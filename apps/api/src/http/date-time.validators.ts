import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDay, isInstant, isWallDateTime } from '#domain/index.js';

/**
 * The one way DTOs take dates and times (docs/api-conventions.md, "Dates and times"): a time without an
 * offset is refused where an instant is meant, naming the field and the offset to add, rather than read
 * as UTC or as the server's zone; days are checked against the calendar.
 */
export const DATE_TIME_MESSAGES = {
  isCalendarDay: 'phải là ngày có thật, dạng YYYY-MM-DD (ví dụ 2026-12-04)',
  isInstant: 'phải là ngày giờ ISO 8601 có múi giờ, ví dụ 2026-12-04T14:30:00+07:00 (giờ không kèm múi giờ như +07:00 không được nhận)',
  isWallDateTime: 'phải là ngày giờ địa phương không kèm múi giờ, dạng YYYY-MM-DDTHH:MM (ví dụ 2026-12-04T07:30)',
  isDayOrInstant: 'phải là ngày dạng YYYY-MM-DD hoặc ngày giờ có múi giờ, ví dụ 2026-12-04T14:30:00+07:00',
  isDateTime: 'phải là ngày giờ ISO 8601 có thật, ví dụ 2026-12-04T14:30:00+07:00',
} as const;

type Rule = keyof typeof DATE_TIME_MESSAGES;

function rule(name: Rule, test: (value: string) => boolean, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: (value) => typeof value === 'string' && test(value), defaultMessage: () => DATE_TIME_MESSAGES[name] } }, options);
}

export const IsCalendarDay = (options?: ValidationOptions) => rule('isCalendarDay', isCalendarDay, options);
export const IsInstant = (options?: ValidationOptions) => rule('isInstant', isInstant, options);
export const IsWallDateTime = (options?: ValidationOptions) => rule('isWallDateTime', isWallDateTime, options);
export const IsDayOrInstant = (options?: ValidationOptions) => rule('isDayOrInstant', (v) => isCalendarDay(v) || isInstant(v), options);
/** With or without an offset: only for a field documented as read in the unit's zone when it has none. */
export const IsDateTime = (options?: ValidationOptions) => rule('isDateTime', (v) => isInstant(v) || isWallDateTime(v), options);
