/**
 * The OASIS Common Alerting Protocol 1.2 message, as plain data. Names follow the CAP elements;
 * repeatable elements are arrays named in the plural (`infos`, `areas`, `geocodes`). Times are CAP
 * dateTime strings ("2026-12-03T14:05:00+07:00"), kept exactly as written because a later Update or
 * Cancel names an alert by sender, identifier and that very string (see `references`).
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const CAP_MIME_TYPE = 'application/cap+xml';
/** The language of every info block this project writes. */
export const CAP_LANGUAGE_VI = 'vi-VN';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];
export type CapCategory = (typeof CAP_CATEGORIES)[number];
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];
export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** A CAP dateTime: "YYYY-MM-DDThh:mm:ss±hh:mm" (no fraction, no "Z"; UTC is "-00:00"). */
export type CapDateTime = string;

/** eventCode, parameter and geocode: a value in a system named by valueName. */
export interface CapValuePair {
  valueName: string;
  value: string;
}

/** One earlier message: `references` lists them as "sender,identifier,sent" separated by white space. */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: CapDateTime;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  /** Bytes. */
  size?: number;
  uri?: string;
  derefUri?: string;
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  /** Each "lat,lon lat,lon …", at least four pairs, the first repeated last (WGS 84). */
  polygons: string[];
  /** Each "lat,lon radius-km". */
  circles: string[];
  geocodes: CapValuePair[];
  /** Feet above sea level (CAP's unit); ceiling only with altitude. */
  altitude?: number;
  ceiling?: number;
}

export interface CapInfo {
  /** RFC 3066 language; CAP's default when absent is "en-US", so this project always writes "vi-VN". */
  language?: string;
  categories: CapCategory[];
  event: string;
  responseTypes: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience?: string;
  eventCodes: CapValuePair[];
  effective?: CapDateTime;
  onset?: CapDateTime;
  expires?: CapDateTime;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameters: CapValuePair[];
  resources: CapResource[];
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: CapDateTime;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  addresses?: string;
  codes: string[];
  note?: string;
  /** Required for Update, Cancel, Ack and Error: the messages they update, cancel or answer. */
  references: CapReference[];
  incidents?: string;
  infos: CapInfo[];
}

/** What is wrong, where: `element` is a path such as "alert/info[1]/urgency" (1-based positions). */
export interface CapProblem {
  code: CapProblemCode;
  element: string;
  /** Vietnamese, naming the rule. */
  message: string;
}

export type CapProblemCode =
  | 'malformed-xml'
  | 'wrong-namespace'
  | 'missing-element'
  | 'unexpected-element'
  | 'unexpected-attribute'
  | 'unexpected-text'
  | 'bad-value';
