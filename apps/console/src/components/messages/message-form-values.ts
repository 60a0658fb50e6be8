import type { MessageContent, Priority, VersionView } from './message-types';

/** What the editor's form holds: the content as typed, plus the unit of a new message. */
export interface MessageFormValues {
  title: string;
  body: string;
  contentGroup?: string;
  reformAreas: string[];
  indices: string[];
  audiences: string[];
  priority: Priority;
  renditions: { sms?: string; loudspeaker?: string; social?: string; board?: { title?: string; body?: string } };
  attachmentIds: string[];
  unitId?: string;
}

export const EMPTY_VALUES: MessageFormValues = {
  title: '',
  body: '',
  reformAreas: [],
  indices: [],
  audiences: [],
  priority: 'normal',
  renditions: { board: {} },
  attachmentIds: [],
};

export function valuesOf(v: VersionView, unitId: string): MessageFormValues {
  return {
    title: v.title,
    body: v.body,
    contentGroup: v.contentGroup,
    reformAreas: v.reformAreas ?? [],
    indices: v.indices ?? [],
    audiences: v.audiences ?? [],
    priority: v.priority,
    // every key present, so setting these values replaces what the form held before
    renditions: {
      sms: v.renditions?.sms,
      loudspeaker: v.renditions?.loudspeaker,
      social: v.renditions?.social,
      board: { title: v.renditions?.board?.title, body: v.renditions?.board?.body },
    },
    attachmentIds: v.attachmentIds ?? [],
    unitId,
  };
}

const text = (s: string | undefined) => (s && s.trim() ? s : undefined);

/**
 * The request content: a rendition left blank is left out (the API refuses empty strings); a board
 * slide with either part filled is sent whole so the API can say which part is missing.
 */
export function contentOf(v: MessageFormValues): MessageContent {
  const r = v.renditions ?? {};
  const boardTitle = text(r.board?.title);
  const boardBody = text(r.board?.body);
  return {
    title: v.title ?? '',
    body: v.body ?? '',
    contentGroup: v.contentGroup ?? '',
    reformAreas: v.reformAreas ?? [],
    indices: v.indices ?? [],
    audiences: v.audiences ?? [],
    priority: v.priority ?? 'normal',
    renditions: {
      ...(text(r.sms) && { sms: r.sms }),
      ...(text(r.loudspeaker) && { loudspeaker: r.loudspeaker }),
      ...(text(r.social) && { social: r.social }),
      ...((boardTitle || boardBody) && { board: { title: r.board?.title ?? '', body: r.board?.body ?? '' } }),
    },
    attachmentIds: v.attachmentIds ?? [],
  };
}

/** Same content, compared the way the API stores it, so "unsaved changes" means a real change. */
export function sameContent(a: MessageFormValues, b: MessageFormValues): boolean {
  return JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));
}
