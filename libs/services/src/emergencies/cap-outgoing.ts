import {
  CAP_LANGUAGE_VI,
  referenceTo,
  type CapAlert,
  type CapCategory,
  type CapCertainty,
  type CapDateTime,
  type CapInfo,
  type CapSeverity,
  type CapUrgency,
  type CapValuePair,
} from '#emergencies/cap/index.js';

/** How tincoso names itself as a CAP sender: `tincoso@<host of PUBLIC_BASE_URL>`. */
export function capSender(publicBaseUrl: string): string {
  return `tincoso@${new URL(publicBaseUrl).host}`;
}

/** The identifier of the CAP message an emergency (its Alert) or one of its changes (Update/Cancel) is. */
export function capIdentifier(id: string): string {
  return `tincoso.${id}`;
}

/** What CAP calls the event; an imported alert keeps its own, tincoso's own emergencies use these. */
export interface CapEventProfile {
  categories: CapCategory[];
  event: string;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
}

export const DEFAULT_EVENT_PROFILE: Omit<CapEventProfile, 'event'> = { categories: ['Safety'], urgency: 'Immediate', severity: 'Severe', certainty: 'Likely' };

export interface OutgoingMessage {
  sender: string;
  identifier: string;
  sent: CapDateTime;
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** The Alert and every earlier message of the emergency (Update and Cancel only). */
  earlier: { sender: string; identifier: string; sent: CapDateTime }[];
  title: string;
  body: string;
  /** The owning unit's name. */
  senderName: string;
  /** The target units, each with its geocode (its own, or its nearest ancestor's for a village). */
  areas: { name: string; geocode: CapValuePair | null }[];
  profile: CapEventProfile;
  /** Why it was cancelled (Cancel only). */
  reason?: string | null;
}

/** An emergency message as a CAP 1.2 alert: status Actual, scope Public, one Vietnamese info block, one area. */
export function outgoingAlert(m: OutgoingMessage): CapAlert {
  const geocodes: CapValuePair[] = [];
  for (const { geocode } of m.areas) {
    if (geocode && !geocodes.some((g) => g.valueName === geocode.valueName && g.value === geocode.value)) geocodes.push(geocode);
  }
  const cancel = m.msgType === 'Cancel';
  const info: CapInfo = {
    language: CAP_LANGUAGE_VI,
    categories: m.profile.categories,
    event: m.profile.event,
    responseTypes: cancel ? ['AllClear'] : [],
    urgency: m.profile.urgency,
    severity: m.profile.severity,
    certainty: m.profile.certainty,
    eventCodes: [],
    senderName: m.senderName,
    headline: cancel ? `Hủy bỏ: ${m.title}` : m.title,
    description: cancel ? (m.reason?.trim() || `Thông báo "${m.title}" đã được hủy bỏ.`) : m.body,
    parameters: [],
    resources: [],
    areas: [{ areaDesc: m.areas.map((a) => a.name).join('; '), polygons: [], circles: [], geocodes }],
  };
  return {
    identifier: m.identifier,
    sender: m.sender,
    sent: m.sent,
    status: 'Actual',
    msgType: m.msgType,
    scope: 'Public',
    codes: [],
    references: m.msgType === 'Alert' ? [] : m.earlier.map(referenceTo),
    infos: [info],
  };
}
