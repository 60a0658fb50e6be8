import type { components } from '../../api/schema';

/** GET /api/v1/dashboard. */
export type Dashboard = components['schemas']['DashboardDto'];
export type DashboardOccurrence = components['schemas']['UpcomingOccurrenceDto'];
