import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import listPlugin from '@fullcalendar/react/list';
import viLocale from '@fullcalendar/react/locales/vi';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { useNavigate } from 'react-router';
import type { CalendarOccurrence } from '../../components/broadcasts/broadcast-api';
import { OCCURRENCE_STATUS, PRIORITY } from '../../lib/labels';
import { PRIORITY_BORDER, STATUS_COLOR } from './calendar-colors';

const HOUR24 = { hour: '2-digit', minute: '2-digit', hour12: false } as const;

/**
 * The FullCalendar part of "Lịch phát", in its own chunk so only this screen downloads it. Month, week
 * and list views on the unit's clock; the visible range is reported up so the page asks for just that.
 */
export default function OccurrenceCalendar({
  occurrences,
  tz,
  narrow,
  onRange,
}: {
  occurrences: CalendarOccurrence[];
  tz: string;
  narrow: boolean;
  onRange: (range: { from: string; to: string }) => void;
}) {
  const navigate = useNavigate();
  return (
    <>
      <style>
        {/* The classic palette's faint grey (other months' days) fails WCAG AA contrast; titles wrap in the list on a phone. */}
        {`.tcs-calendar{--fc-classic-faint-foreground:#6b7280;--fc-classic-primary:#0b5394}` +
          '.tcs-calendar .tcs-wrap{white-space:normal !important;overflow:visible !important;text-overflow:clip !important}' +
          Object.entries(PRIORITY_BORDER).map(([p, c]) => `.tcs-priority-${p}{border-left:5px solid ${c} !important}`).join('')}
      </style>
      <div className="tcs-calendar">
      <FullCalendar
        plugins={[classicTheme, dayGridPlugin, timeGridPlugin, listPlugin]}
        locale={viLocale}
        timeZone={tz}
        initialView={narrow ? 'listWeek' : 'dayGridMonth'}
        headerToolbar={
          narrow
            ? { start: 'prev,next today', center: '', end: 'dayGridMonth,listWeek' }
            : { start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,listWeek' }
        }
        listText="Danh sách"
        height="auto"
        nowIndicator
        eventDisplay="block"
        listItemEventTitleClass="tcs-wrap"
        allDaySlot={false}
        eventTimeFormat={HOUR24}
        slotHeaderFormat={HOUR24}
        noEventsText="Không có lần phát nào trong khoảng này"
        datesSet={(info) => onRange({ from: info.start.toISOString(), to: info.end.toISOString() })}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          navigate(`/broadcasts/${info.event.extendedProps.broadcastId as string}`);
        }}
        events={occurrences.map((o) => ({
          id: o.occurrenceId,
          title: `${o.priority === 'emergency' ? '⚠ ' : ''}${o.messageTitle} · ${OCCURRENCE_STATUS[o.status]?.label ?? o.status}${o.priority !== 'normal' ? ` · ${PRIORITY[o.priority]?.label ?? o.priority}` : ''}`,
          start: o.dueAt,
          url: `/broadcasts/${o.broadcastId}`,
          color: STATUS_COLOR[o.status] ?? '#0b5394',
          contrastColor: '#ffffff',
          class: o.priority !== 'normal' ? `tcs-priority-${o.priority}` : undefined,
          broadcastId: o.broadcastId,
        }))}
      />
      </div>
    </>
  );
}
