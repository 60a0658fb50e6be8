/** FullCalendar's style sheets, imported for their side effect (Vite bundles them into this screen's chunk). */
declare module '@fullcalendar/react/skeleton.css';
declare module '@fullcalendar/react/themes/classic/theme.css';
declare module '@fullcalendar/react/themes/classic/palette.css';
