/** The public page of a message: where board QR codes, social posts and feeds link. `marker` tags a social post's link. */
export function publicMessageUrl(publicBaseUrl: string, messageId: string, marker?: string): string {
  return `${publicBaseUrl}/public/messages/${messageId}${marker ? `?m=${marker}` : ''}`;
}
