/** Activities that are not broadcasts (conferences, dialogues, contests…): how many, and how many took part. */
export interface ActivityCount {
  activities: number;
  participants: number;
}

export interface ActivityTotals extends ActivityCount {
  /** One row per kind recorded in the period, in the kinds' order. */
  byKind: (ActivityCount & { kind: string })[];
}
