/** The public page of a message: where board QR codes, social posts and feeds link. `marker` tags a social post's link. */
export function publicMessageUrl(publicBaseUrl: string, messageId: string, marker?: string): string {
  return `${publicBaseUrl}/public/messages/${messageId}${marker ? `?m=${marker}` : ''}`;
}

/** An image of the message's public page: an image attachment of the version the page shows. */
export function publicImageUrl(publicBaseUrl: string, messageId: string, attachmentId: string): string {
  return `${publicMessageUrl(publicBaseUrl, messageId)}/images/${attachmentId}`;
}
