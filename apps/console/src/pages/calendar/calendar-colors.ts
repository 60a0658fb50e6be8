/** Occurrence colours, dark enough for white text (WCAG AA); shared by the calendar and its legend. */
export const STATUS_COLOR: Record<string, string> = {
  pending: '#0b5394',
  held: '#ad4e00',
  planned: '#006d75',
  completed: '#237804',
  cancelled: '#595959',
  skipped: '#595959',
};

/** Priority shows as a thick left border, so status keeps the fill. */
export const PRIORITY_BORDER: Record<string, string> = { emergency: '#cf1322', priority: '#d46b08' };
