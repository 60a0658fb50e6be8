/** What an adapter needs of an account: ids and a decrypted access token (held in memory only). */
export interface SocialCredentials {
  externalId: string;
  accessToken: string;
  canBroadcast: boolean;
}

/** A photo sent with the post as bytes, so the platform never has to reach our server for it. */
export interface SocialImage {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

export interface SocialPost {
  title: string;
  text: string;
  /** The public page of the message, carrying the marker (`?m=`) so the post can be found again. */
  link: string;
  marker: string;
  /** Makes the post a photo post where the platform takes an upload (Facebook); other platforms ignore it. */
  image?: SocialImage | null;
  /** A public URL of the message's image, for platforms that fetch a cover themselves (Zalo articles). */
  coverUrl?: string | null;
  /** Publish on the platform's own schedule at this instant when it allows (Facebook). */
  publishAt?: Date | null;
}

export interface PublishedPost {
  postId: string;
  /** True when the platform holds the post until `publishAt`. */
  scheduled: boolean;
  /** A follow-up step that failed after the post itself was created (kept on the delivery, never retried). */
  warning?: string;
}

/**
 * One social platform. Every method throws the engine's classified errors (RetryableError,
 * PermanentError with reason 'reconnect-needed' for a dead token, OutcomeUnknownError when a publish
 * left and no answer came back).
 */
export interface SocialPublisher {
  readonly platform: 'zalo' | 'facebook';
  publish(credentials: SocialCredentials, post: SocialPost): Promise<PublishedPost>;
  /** Reads the platform for a post carrying the marker (published or still scheduled). */
  find(credentials: SocialCredentials, marker: string): Promise<PublishedPost | null>;
  /** Deletes a post, published or still waiting on the platform's schedule. */
  unpublish(credentials: SocialCredentials, postId: string): Promise<void>;
  /**
   * Replaces a published post's text (an emergency update). Returns the post as it now stands: the
   * same id where the platform edits in place (Facebook), a new one where it is reposted (Zalo).
   */
  edit(credentials: SocialCredentials, postId: string, post: SocialPost): Promise<PublishedPost>;
  /** Checks the token against the platform; returns the account's name and id as the platform knows it. */
  check(credentials: SocialCredentials): Promise<{ id: string; name: string }>;
}

export interface RefreshedTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}
