import { Alert, Button, DatePicker, Flex, Radio, Typography } from 'antd';
import { dayjs } from '../../lib/time';
import { RecurrenceBuilder } from './recurrence-builder';
import { weekdayCode } from './recurrence-rule';
import { describeSchedule, type WizardChoices } from './wizard-state';
import { ErrorText } from './broadcast-tags';

/** The unit's wall clock now, as a zone-less dayjs the pickers show as is. */
function wallNow(tz: string): dayjs.Dayjs {
  return dayjs(dayjs().tz(tz).format('YYYY-MM-DDTHH:mm'));
}

/** Step 4: once or recurring, on the unit's wall clock; the rule read back in Vietnamese. */
export function WizardScheduleStep({
  choices,
  onChange,
  tz,
  errors,
}: {
  choices: WizardChoices;
  onChange: (patch: Partial<WizardChoices>) => void;
  tz: string;
  errors?: { field: string; message: string }[];
}) {
  const now = wallNow(tz);
  const errorAt = (name: string) => errors?.find((e) => e.field === `schedule.${name}`)?.message;
  const other = errors?.filter((e) => !['schedule.at', 'schedule.startsAt', 'schedule.rrule', 'schedule.count', 'schedule.until'].includes(e.field)) ?? [];
  const at = choices.at;
  const presets = [
    { label: 'Sau 2 phút', value: now.add(2, 'minute') },
    { label: '17:00 hôm nay', value: now.hour(17).minute(0) },
    { label: '06:00 sáng mai', value: now.add(1, 'day').hour(6).minute(0) },
  ].filter((p) => p.value.isAfter(now));

  const setAt = (value: dayjs.Dayjs | null) => {
    const patch: Partial<WizardChoices> = { at: value };
    // A weekly rule starts on the picked weekday unless the officer already chose days.
    if (value && choices.recurrence.byDay.length <= 1) patch.recurrence = { ...choices.recurrence, byDay: [weekdayCode(value)] };
    onChange(patch);
  };
  const readBack = describeSchedule(choices);
  return (
    <Flex vertical gap={16}>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 4 }}>Cách phát</legend>
        <Radio.Group
          optionType="button"
          value={choices.mode}
          onChange={(e) => onChange({ mode: e.target.value })}
          options={[
            { value: 'once', label: 'Một lần' },
            { value: 'recurring', label: 'Lặp lại' },
          ]}
        />
      </fieldset>
      <div>
        <label htmlFor="wizard-at">{choices.mode === 'once' ? 'Ngày giờ phát' : 'Lần phát đầu tiên'}</label>
        <Flex gap={8} wrap align="center">
          <DatePicker
            id="wizard-at"
            showTime={{ format: 'HH:mm' }}
            format="DD/MM/YYYY HH:mm"
            placeholder="dd/mm/yyyy hh:mm"
            value={at}
            onChange={setAt}
            disabledDate={(d) => d.isBefore(now, 'day')}
            status={errorAt('at') || errorAt('startsAt') ? 'error' : undefined}
            style={{ minWidth: 200 }}
          />
          {presets.map((p) => (
            <Button key={p.label} size="small" onClick={() => setAt(p.value)}>
              {p.label}
            </Button>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          Giờ địa phương của đơn vị ({tz === 'Asia/Ho_Chi_Minh' ? 'giờ Việt Nam' : tz}), đồng hồ 24 giờ.
        </Typography.Text>
        {(errorAt('at') || errorAt('startsAt')) && <ErrorText>{errorAt('at') ?? errorAt('startsAt')}</ErrorText>}
      </div>
      {choices.mode === 'recurring' && (
        <RecurrenceBuilder
          value={choices.recurrence}
          onChange={(recurrence) => onChange({ recurrence })}
          startDay={at}
          errors={{ rrule: errorAt('rrule'), count: errorAt('count'), until: errorAt('until') }}
        />
      )}
      {readBack && <Alert type="info" showIcon title={readBack} role="status" />}
      {other.map((e) => (
        <Alert key={e.message} type="error" showIcon title={e.message} />
      ))}
    </Flex>
  );
}
