import { escapeHtml } from '#domain/index.js';
import type { PublishedMessage } from '#persistence/index.js';
import { contentGroupLabel } from './feed-render.js';

const STYLE = `
body{margin:0;background:#f7f5ef;color:#1d1d1d;font-family:"Noto Sans","Segoe UI",Roboto,Arial,sans-serif;font-size:18px;line-height:1.6}
main{max-width:42rem;margin:0 auto;padding:1.25rem 1rem 3rem}
.group{display:inline-block;background:#8a1c1c;color:#fff;border-radius:.4rem;padding:.2rem .6rem;font-size:.85rem;line-height:1.4}
h1{font-size:1.6rem;line-height:1.3;margin:.8rem 0 .4rem;color:#8a1c1c}
.meta{color:#555;font-size:.95rem;margin:0 0 1.2rem}
.body{white-space:pre-line;overflow-wrap:anywhere}
.images img{display:block;max-width:100%;height:auto;margin:1rem auto 0;border-radius:.4rem}
footer{margin-top:2rem;color:#666;font-size:.85rem;border-top:1px solid #ddd;padding-top:.8rem}`;

export interface MessagePageOptions {
  timeZone: string;
  /** Absolute URL of one of the page's images. */
  imageUrl: (attachmentId: string) => string;
}

/** The public page of a published message: what the boards' QR codes and the social posts link to. */
export function renderMessagePage(m: PublishedMessage, { timeZone, imageUrl }: MessagePageOptions): string {
  const when = new Intl.DateTimeFormat('vi-VN', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(m.publishedAt);
  const title = escapeHtml(m.title);
  const images = m.images
    .map((image, i) => `<img loading="lazy" alt="Hình ${i + 1}: ${title}" src="${escapeHtml(imageUrl(image.id))}">`)
    .join('\n');
  const ogImage = m.images[0] ? `\n<meta property="og:image" content="${escapeHtml(imageUrl(m.images[0].id))}">` : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${escapeHtml(m.unitName)}</title>
<meta property="og:title" content="${title}">
<meta property="og:description" content="${escapeHtml(m.body.slice(0, 200))}">
<meta property="og:type" content="article">${ogImage}
<style>${STYLE}</style>
</head>
<body>
<main>
<article>
<span class="group">${escapeHtml(contentGroupLabel(m.contentGroup))}</span>
<h1>${title}</h1>
<p class="meta">${escapeHtml(m.unitName)} · <time datetime="${m.publishedAt.toISOString()}">${escapeHtml(when)}</time></p>
<div class="body">${escapeHtml(m.body)}</div>${images ? `\n<div class="images">\n${images}\n</div>` : ''}
</article>
<footer>Tin tuyên truyền cải cách hành chính của ${escapeHtml(m.unitName)}.</footer>
</main>
</body>
</html>
`;
}

/**
 * What a citizen sees at the address of a message that is not (or no longer) published: a page in the
 * page's own style, never the API's JSON error body. Answered with 404, so nothing caches or indexes it.
 */
export function renderMissingMessagePage(): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Không tìm thấy tin</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Không tìm thấy tin</h1>
<p class="body">Tin này không có hoặc chưa được đăng công khai. Có thể tin đã bị thu hồi, hoặc đường dẫn chưa đúng.
Xin kiểm tra lại đường dẫn, hoặc liên hệ Ủy ban nhân dân xã, phường nơi đăng tin.</p>
</main>
</body>
</html>
`;
}
