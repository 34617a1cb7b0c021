// HTML of the demo wallet: a phone-sized page per holder, inline CSS and script only, the QR
// as inline SVG fetched again from the server every minute.
import type { WalletCard } from './demo-wallet';
import { WALLET_REFRESH_SECONDS } from './demo-wallet';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** No external resource of any kind; inline style and script, same-origin fetch only. */
export const WALLET_CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";

const STYLE = `
body{margin:0;background:#e9edf2;font:15px/1.4 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1d2733}
h1{font-size:18px;text-align:center;margin:18px 0 4px}
p.note{text-align:center;color:#5b6775;margin:0 12px 12px;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:18px;justify-content:center;padding:0 12px 24px}
.phone{width:320px;background:#fff;border-radius:28px;box-shadow:0 6px 24px rgba(0,0,0,.15);overflow:hidden;border:8px solid #1d2733}
.band{background:linear-gradient(135deg,#c8102e,#e0482e);color:#fff;padding:12px 16px}
.band b{display:block;font-size:16px}.band small{opacity:.9}
.body{padding:12px 16px}
.row{display:flex;justify-content:space-between;gap:8px;border-bottom:1px solid #eef1f4;padding:3px 0;font-size:13px}
.row span:first-child{color:#5b6775}
.qr{width:240px;height:240px;margin:10px auto 4px}.qr svg{width:100%;height:100%}
.expect{font-size:12px;text-align:center;color:#5b6775}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;background:#2e7d32}
.tag.invalid{background:#c62828}
.timer{text-align:center;font-size:12px;color:#5b6775}
a{color:#0b5cad}
@media print{body{background:#fff}.noprint{display:none}}
.wpn{max-width:720px;margin:24px auto;background:#fff;padding:32px;border:1px solid #999}
.wpn h2{text-align:center;margin:0 0 16px}.wpn .qr{width:300px;height:300px;image-rendering:pixelated}
`;

function rows(card: WalletCard): string {
  const { hd, wp, ss } = card.issued.claims;
  const pairs: [string, string][] = [
    ['Name 姓名', hd.name + (hd.cn ? ` (${hd.cn})` : '')],
    ['Nationality 国籍', hd.nat],
    ['Permit No. 许可证号', wp.no],
    ['Valid 有效期', `${wp.from} – ${wp.to}`],
    ['Employer 工作单位', wp.emp],
  ];
  if (ss) pairs.push(['SSN 社会保障号', ss.no]);
  return pairs.map(([k, v]) => `<div class="row"><span>${escapeHtml(k)}</span><span>${escapeHtml(v)}</span></div>`).join('');
}

function expectTag(card: WalletCard): string {
  const text = card.expect === 'valid' ? 'expect: valid' : `expect: ${card.reasons.join(', ')}`;
  return `<span class="tag ${card.expect}">${escapeHtml(text)}</span>`;
}

export function walletPage(cards: readonly { card: WalletCard; svg: string }[]): string {
  const phones = cards
    .map(
      ({ card, svg }) => `
<section class="phone" data-card="${escapeHtml(card.id)}">
  <div class="band"><b>电子社会保障卡</b><small>${escapeHtml(card.label)} · ${escapeHtml(card.issued.claims.iss)}</small></div>
  <div class="body">
    ${rows(card)}
    <div class="qr" id="qr-${escapeHtml(card.id)}">${svg}</div>
    <div class="timer" id="timer-${escapeHtml(card.id)}">refreshes every ${WALLET_REFRESH_SECONDS} s</div>
    <div class="expect">${expectTag(card)} · <a href="/wallet/wpn/${encodeURIComponent(card.id)}">printable WPN</a></div>
  </div>
</section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>ESSC demo wallet</title><style>${STYLE}</style></head>
<body><h1>ESSC demo wallet</h1>
<p class="note">Sample e-SSCs signed by the reference Work System. Each QR is re-signed every ${WALLET_REFRESH_SECONDS} s and expires after 300 s.</p>
<main class="cards">${phones}</main>
<script>
(function () {
  var period = ${WALLET_REFRESH_SECONDS};
  var left = period;
  function refresh() {
    document.querySelectorAll('section.phone').forEach(function (el) {
      var id = el.getAttribute('data-card');
      fetch('/wallet/card/' + encodeURIComponent(id) + '.svg', { cache: 'no-store' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (svg) { document.getElementById('qr-' + id).innerHTML = svg; })
        .catch(function () {});
    });
  }
  setInterval(function () {
    left -= 1;
    if (left <= 0) { left = period; refresh(); }
    document.querySelectorAll('.timer').forEach(function (t) { t.textContent = 'new code in ' + left + ' s'; });
  }, 1000);
})();
</script>
</body></html>`;
}

export function wpnPage(card: WalletCard, pngDataUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>外国人工作许可通知 — ${escapeHtml(card.issued.claims.hd.name)}</title>
<style>${STYLE}</style></head>
<body><div class="wpn">
<h2>外国人工作许可通知<br><small>Notification of Foreigner's Work Permit</small></h2>
${rows(card)}
<div class="row"><span>Category 类别</span><span>${escapeHtml(card.issued.claims.wp.cat)}</span></div>
<div class="row"><span>Issuer 签发机构</span><span>${escapeHtml(card.issued.claims.iss)}</span></div>
<img class="qr" style="display:block" alt="WPN QR code" src="${pngDataUrl}">
<p class="expect">${expectTag(card)}</p>
<p class="noprint" style="text-align:center"><a href="/wallet">back to the wallet</a> · use the browser's print command</p>
</div></body></html>`;
}
