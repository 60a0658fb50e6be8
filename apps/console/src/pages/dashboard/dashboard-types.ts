/** GET /api/v1/dashboard, as the team brief defines it. */
export interface DashboardOccurrence {
  occurrenceId: string;
  broadcastId: string;
  dueAt: string;
  status?: 'pending' | 'held';
  messageTitle: string;
  channels: string[];
  priority: string;
}

export interface DashboardAlert {
  count: number;
  href: string;
}

export interface Dashboard {
  waiting: {
    returned: { id: string; title: string; updatedAt: string }[];
    inbox: { id: string; title: string; unitName: string; submittedAt: string }[];
    inboxTotal: number;
  };
  upcoming: { today: DashboardOccurrence[]; next7Days: DashboardOccurrence[] };
  running: { broadcastId: string; messageTitle: string; total: number; done: number; failed: number }[];
  alerts: Record<
    'heldOccurrences' | 'deferredDeliveries' | 'exhaustedDeliveries' | 'stationsOffline' | 'boardsOffline' | 'accountsNeedingReconnect',
    DashboardAlert
  >;
  month: {
    messagesApproved: number;
    broadcasts: number;
    occurrencesRun: number;
    smsSent: number;
    smsDelivered: number;
    smsParts: number;
    smsCostVnd: number;
    loudspeakerPlays: number;
    airtimeSeconds: number;
    boardSlides: number;
    socialPosts: number;
  };
}
