import { CONTENT_GROUP_CODES } from '../content/content-model.js';
import { InvalidInputError, type FieldProblem } from '../errors.js';
import { isCalendarDate } from './calendar-date.js';
import { ACTIVITY_KINDS } from './plan-model.js';

export interface ActivityInput {
  kind: string;
  occurredOn: string;
  participants: number;
  contentGroups: readonly string[];
}

/**
 * An activity is recorded after it took place: its day may be today in the unit's zone, never later.
 * `today` is the unit's local date.
 */
export function assertActivity(input: ActivityInput, today: string): void {
  const problems: FieldProblem[] = [];
  if (!(ACTIVITY_KINDS as readonly string[]).includes(input.kind)) {
    problems.push({ field: 'kind', rule: 'isIn', message: `phải là một trong: ${ACTIVITY_KINDS.join(', ')}` });
  }
  if (!isCalendarDate(input.occurredOn)) {
    problems.push({ field: 'occurredOn', rule: 'isDate', message: 'phải là ngày dạng YYYY-MM-DD' });
  } else if (input.occurredOn > today) {
    problems.push({ field: 'occurredOn', rule: 'notFuture', message: `chỉ ghi nhận hoạt động đã diễn ra (đến hôm nay, ${today})` });
  }
  if (!Number.isInteger(input.participants) || input.participants < 0) {
    problems.push({ field: 'participants', rule: 'min', message: 'phải là số nguyên không âm' });
  }
  input.contentGroups.forEach((group, i) => {
    if (!(CONTENT_GROUP_CODES as string[]).includes(group)) {
      problems.push({ field: `contentGroups.${i}`, rule: 'isIn', message: 'không phải nhóm nội dung của Quyết định 1216/QĐ-BTTTT' });
    }
  });
  if (problems.length) throw new InvalidInputError(problems);
}
