import { escapeHtml } from '#domain/index.js';
import { zoneOffsetMs } from '#domain/index.js';
import type { BoardFeed, BoardSlide } from '#board/board-feed.service.js';

export interface KioskOptions {
  token: string;
  pollSeconds: number;
  rotateSeconds: number;
}

/** JSON inside a <script>: no "</script>", no line separators that old parsers choke on. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function slideHtml(s: BoardSlide, active: boolean): string {
  const image = s.imageUrl ? `<img class="photo" alt="" src="${escapeHtml(s.imageUrl)}">` : '';
  return (
    `<section class="slide${active ? ' active' : ''}" data-id="${escapeHtml(s.id)}">` +
    `<div class="text"><h1>${escapeHtml(s.title)}</h1><div class="body">${escapeHtml(s.body)}</div></div>` +
    `<div class="side">${image}<div class="qr" data-url="${escapeHtml(s.qrUrl)}">${s.qrSvg}</div>` +
    `<p class="qr-caption">Quét mã QR để xem chi tiết</p></div></section>`
  );
}

const STYLE = `
html,body{margin:0;height:100%;background:#f4f1e8;color:#1b1b1b;font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;overflow:hidden}
#deck,#overlay{position:absolute;left:0;right:0;top:0;bottom:9vh}
.slide{display:none;height:100%;box-sizing:border-box;padding:4vh 4vw}
.slide.active{display:table;width:100%}
.text,.side{display:table-cell;vertical-align:top}
.side{width:30vw;text-align:center;padding-left:3vw}
h1{font-size:5.2vh;line-height:1.2;margin:0 0 3vh;color:#8a1c1c}
.body{font-size:3.8vh;line-height:1.45;white-space:pre-line}
.photo{max-width:28vw;max-height:34vh;display:block;margin:0 auto 2vh;border-radius:1vh}
.qr{background:#fff;padding:1vh;display:inline-block}
.qr svg{width:26vh;height:26vh;display:block}
.qr-caption{font-size:2.6vh;margin:1vh 0 0}
#empty{position:absolute;top:35vh;width:100%;text-align:center;font-size:5vh;color:#555}
#overlay{display:none;background:#b00000;color:#fff;z-index:10}
#overlay.on{display:block}
#overlay h1{color:#fff;font-size:6.5vh}
#overlay .body{font-size:4.6vh}
.badge{background:#ffd400;color:#000;font-weight:bold;font-size:4.2vh;padding:1.5vh 4vw}
footer{position:absolute;left:0;right:0;bottom:0;height:9vh;line-height:9vh;background:#8a1c1c;color:#fff;font-size:3vh;padding:0 3vw}
#clock{float:right}
#net{margin-left:3vw;color:#ffd400}
.hidden{display:none}`;

/**
 * The kiosk page of a board: the current slides rendered on the server (shown even without script),
 * and a small ES5 script for cheap TV browsers that rotates them, polls the feed (and refetches it
 * on a pushed change notice when EventSource exists), raises the emergency overlay at once, keeps
 * the last good feed in localStorage and posts the heartbeat.
 */
export function renderKioskPage(feed: BoardFeed, options: KioskOptions): string {
  const regular = feed.slides.filter((s) => s.priority !== 'emergency');
  const emergency = feed.slides.filter((s) => s.priority === 'emergency');
  const config = {
    base: `/boards/${encodeURIComponent(options.token)}`,
    pollMs: options.pollSeconds * 1000,
    rotateMs: options.rotateSeconds * 1000,
    heartbeatMs: 60_000,
    /** The clock shows the board's local time even when the TV's own time zone is wrong (no DST in Vietnam). */
    utcOffsetMs: zoneOffsetMs(new Date(), feed.board.timeZone),
    feed,
  };
  const title = `${feed.board.name} – ${feed.board.unitName}`;
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div id="deck">${regular.map((s, i) => slideHtml(s, i === 0)).join('')}</div>
<div id="empty"${regular.length ? ' class="hidden"' : ''}>Bảng tin điện tử – ${escapeHtml(feed.board.unitName)}</div>
<div id="overlay"${emergency.length ? ' class="on"' : ''}><div class="badge">⚠ THÔNG BÁO KHẨN CẤP</div><div id="overlay-deck">${emergency
    .map((s, i) => slideHtml(s, i === 0))
    .join('')}</div></div>
<footer><span id="board-name">${escapeHtml(title)}</span><span id="net"></span><span id="clock"></span></footer>
<script>var KIOSK = ${scriptJson(config)};</script>
<script>${KIOSK_SCRIPT}</script>
</body>
</html>`;
}

/** ES5 only (var, function, XMLHttpRequest): old TV browsers have no fetch, arrows or template strings. */
const KIOSK_SCRIPT = `
(function () {
  var K = window.KIOSK, STORE = 'tincoso-board:' + K.base, feed = K.feed, lastGood = new Date(new Date().getTime() + K.utcOffsetMs);
  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  function $(id) { return document.getElementById(id); }
  function slideHtml(s, active) {
    var img = s.imageUrl ? '<img class="photo" alt="" src="' + esc(s.imageUrl) + '">' : '';
    return '<section class="slide' + (active ? ' active' : '') + '" data-id="' + esc(s.id) + '">' +
      '<div class="text"><h1>' + esc(s.title) + '</h1><div class="body">' + esc(s.body) + '</div></div>' +
      '<div class="side">' + img + '<div class="qr" data-url="' + esc(s.qrUrl) + '">' + s.qrSvg + '</div>' +
      '<p class="qr-caption">Quét mã QR để xem chi tiết</p></div></section>';
  }
  function deckHtml(list) { var h = ''; for (var i = 0; i < list.length; i++) h += slideHtml(list[i], i === 0); return h; }
  function render(f) {
    var regular = [], urgent = [];
    for (var i = 0; i < f.slides.length; i++) (f.slides[i].priority === 'emergency' ? urgent : regular).push(f.slides[i]);
    $('deck').innerHTML = deckHtml(regular);
    $('empty').className = regular.length ? 'hidden' : '';
    $('overlay-deck').innerHTML = deckHtml(urgent);
    $('overlay').className = urgent.length ? 'on' : '';
  }
  function save(f) { try { window.localStorage.setItem(STORE, JSON.stringify(f)); } catch (e) {} }
  function saved() { try { var t = window.localStorage.getItem(STORE); return t ? JSON.parse(t) : null; } catch (e) { return null; } }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function hhmm(d) { return two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()); }
  function setOnline(ok) {
    if (ok) lastGood = new Date(new Date().getTime() + K.utcOffsetMs);
    $('net').innerHTML = ok ? '' : 'Mất kết nối – đang hiển thị nội dung lúc ' + hhmm(lastGood);
  }
  function request(method, url, body, done) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    x.setRequestHeader('Accept', 'application/json');
    if (body) x.setRequestHeader('Content-Type', 'application/json');
    x.onreadystatechange = function () { if (x.readyState === 4) done(x.status, x.responseText); };
    try { x.send(body ? JSON.stringify(body) : null); } catch (e) { done(0, ''); }
  }
  function heartbeat() {
    request('POST', K.base + '/heartbeat', { shownVersion: feed ? feed.version : undefined }, function (status, text) {
      if (status !== 200) return;
      try { if (feed && JSON.parse(text).version !== feed.version) poll(); } catch (e) {}
    });
  }
  function poll() {
    request('GET', K.base + '/slides.json?t=' + new Date().getTime(), null, function (status, text) {
      var next = null;
      if (status === 200) { try { next = JSON.parse(text); } catch (e) { next = null; } }
      if (!next || !next.slides) { setOnline(false); return; }
      setOnline(true);
      if (!feed || next.version !== feed.version) { feed = next; render(feed); save(feed); heartbeat(); }
    });
  }
  function rotate(deckId) {
    var slides = $(deckId).getElementsByTagName('section');
    if (slides.length < 2) return;
    for (var i = 0; i < slides.length; i++) {
      if (/\\bactive\\b/.test(slides[i].className)) {
        slides[i].className = 'slide';
        slides[(i + 1) % slides.length].className = 'slide active';
        return;
      }
    }
    slides[0].className = 'slide active';
  }
  function tick() {
    var d = new Date(new Date().getTime() + K.utcOffsetMs);
    $('clock').innerHTML = hhmm(d) + ' · ' + two(d.getUTCDate()) + '/' + two(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear();
  }
  if (feed && feed.slides) save(feed);
  else { feed = saved(); if (feed) render(feed); }
  tick();
  setInterval(tick, 15000);
  setInterval(function () { rotate('deck'); rotate('overlay-deck'); }, K.rotateMs);
  setInterval(poll, K.pollMs);
  if (window.EventSource) {
    try {
      var events = new window.EventSource(K.base + '/events');
      events.addEventListener('slides', poll, false);
      events.addEventListener('emergency', poll, false);
    } catch (e) {}
  }
  setInterval(heartbeat, K.heartbeatMs);
  heartbeat();
})();`;
