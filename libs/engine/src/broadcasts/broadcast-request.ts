import type { BroadcastSchedule, BroadcastTargets } from '#persistence/index.js';

/** What an officer asks for, as the service receives it (the API DTO maps onto this). */
export interface BroadcastRequest {
  messageId: string;
  channels: string[];
  targets: BroadcastTargets;
  schedule: BroadcastSchedule;
  smsWithoutDiacritics: boolean;
  smsMaxParts?: number;
}
