// Draws the memos the emulator received as KakaoTalk template cards, newest last, polling once a second.
'use strict';

const list = document.getElementById('messages');
const empty = document.getElementById('empty');
const count = document.getElementById('count');
let shown = 0;
let lastDay = '';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// Only web links become clickable; anything else (javascript:, app params) stays inert.
function webUrl(link) {
  const url = link && (link.web_url || link.mobile_web_url);
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

function image(url, className) {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
  const img = el('img', className);
  img.src = url;
  img.alt = '';
  img.loading = 'lazy';
  return img;
}

function button(title, link) {
  const a = el('a', 'memo-button', title);
  const url = webUrl(link);
  if (url) { a.href = url; a.target = '_blank'; a.rel = 'noopener'; }
  return a;
}

// Kakao shows template buttons, or one button titled button_title (default 자세히 보기) with the main link.
function buttons(t, mainLink, defaultTitle) {
  const bar = el('div', 'memo-buttons');
  if (Array.isArray(t.buttons) && t.buttons.length > 0) {
    t.buttons.forEach(b => bar.append(button(b.title, b.link)));
  } else {
    bar.append(button(t.button_title || defaultTitle || '자세히 보기', mainLink));
  }
  return bar;
}

function contentBlock(content, body) {
  if (content.title) body.append(el('p', 'memo-title', content.title));
  if (content.description) body.append(el('p', 'memo-description', content.description));
}

// Feed, location and commerce cards start alike: the content's image, then its title and description.
function contentCard(content, card) {
  const img = image(content.image_url, 'memo-image');
  if (img) card.append(img);
  const body = el('div', 'memo-body');
  contentBlock(content, body);
  return body;
}

function social(s) {
  if (!s) return null;
  const names = [['like_count', '♥'], ['comment_count', '💬'], ['shared_count', '↗'], ['view_count', '👁'], ['subscriber_count', '👤']];
  const parts = names.filter(([k]) => typeof s[k] === 'number').slice(0, 3).map(([k, icon]) => `${icon} ${s[k]}`);
  return parts.length ? el('div', 'memo-social', parts.join('  ')) : null;
}

function itemContent(ic) {
  if (!ic) return null;
  const box = el('div', 'memo-items');
  if (ic.profile_text) box.append(el('div', 'memo-profile', ic.profile_text));
  if (ic.title_image_text) box.append(el('div', 'memo-title-image-text', ic.title_image_text));
  (ic.items || []).forEach(i => {
    const row = el('div');
    row.append(el('span', null, i.item), el('span', null, i.item_op));
    box.append(row);
  });
  if (ic.sum) {
    const row = el('div', 'memo-sum');
    row.append(el('span', null, ic.sum), el('span', null, ic.sum_op));
    box.append(row);
  }
  return box;
}

function price(c) {
  const unit = c.currency_unit || '원';
  const money = n => unit === '원' || c.currency_unit_position !== 1 ? `${Number(n).toLocaleString('ko-KR')}${unit}` : `${unit}${Number(n).toLocaleString('ko-KR')}`;
  const box = el('div', 'memo-price');
  if (c.product_name) box.append(el('div', 'memo-product', c.product_name));
  if (c.discount_rate) box.append(el('span', 'rate', `${c.discount_rate}%`));
  const discounted = c.discount_price ?? c.fixed_discount_price;
  box.append(el('span', 'final', money(discounted ?? c.regular_price)));
  if (discounted !== undefined && discounted !== null) box.append(el('span', 'regular', money(c.regular_price)));
  return box;
}

const renderers = {
  text(t, card) {
    const body = el('div', 'memo-body');
    body.append(el('p', 'memo-text', t.text));
    card.append(body, buttons(t, t.link));
  },
  feed(t, card) {
    const c = t.content || {};
    const body = contentCard(c, card);
    [itemContent(t.item_content), social(t.social)].forEach(n => n && body.append(n));
    card.append(body, buttons(t, c.link));
  },
  list(t, card) {
    card.append(el('div', 'memo-header', t.header_title));
    (t.contents || []).forEach(c => {
      const row = el('div', 'memo-list-item');
      const text = el('div');
      contentBlock(c, text);
      row.append(text);
      const img = image(c.image_url);
      if (img) row.append(img);
      card.append(row);
    });
    card.append(buttons(t, t.header_link));
  },
  location(t, card) {
    const c = t.content || {};
    const body = contentCard(c, card);
    if (t.address_title) body.append(el('div', 'memo-address-title', t.address_title));
    body.append(el('div', 'memo-address', `📍 ${t.address}`));
    const s = social(t.social);
    if (s) body.append(s);
    card.append(body);
    const bar = buttons(t, c.link);
    bar.append(button('위치 보기', { web_url: 'https://map.kakao.com/?q=' + encodeURIComponent(t.address || '') }));
    card.append(bar);
  },
  commerce(t, card) {
    const c = t.content || {};
    const body = contentCard(c, card);
    body.append(price(t.commerce || {}));
    card.append(body, buttons(t, c.link, '구매하기'));
  },
};

function sourceLabel(m) {
  if (m.endpoint.endsWith('/scrap/send')) return `스크랩 (scrap) · ${m.requestUrl}`;
  if (m.templateId !== null) return `사용자 템플릿 (custom template) #${m.templateId}`;
  return null;
}

function render(m) {
  const t = m.rendered || {};
  const type = renderers[t.object_type] ? t.object_type : 'raw';
  const at = new Date(m.receivedAt);
  const day = at.toLocaleDateString('ko-KR', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  if (day !== lastDay) {
    const divider = el('div', 'day');
    divider.append(el('span', null, day));
    list.append(divider);
    lastDay = day;
  }

  const row = el('div', 'row');
  const card = el('article', `memo type-${type}`);
  card.dataset.id = m.id;
  card.dataset.type = type;
  const label = sourceLabel(m);
  if (label) card.append(el('div', 'memo-source', label));
  if (type === 'raw') card.append(el('pre', 'memo-raw', JSON.stringify(t, null, 2)));
  else renderers[type](t, card);
  row.append(el('span', 'time', at.toLocaleTimeString('ko-KR', { hour: 'numeric', minute: '2-digit' })), card);
  list.append(row);
}

async function refresh() {
  try {
    const response = await fetch('/_emulator/messages', { cache: 'no-store' });
    const messages = await response.json();
    if (messages.length < shown) {           // the emulator was reset: start over
      list.replaceChildren(empty);
      shown = 0;
      lastDay = '';
    }
    const fresh = messages.slice(shown);
    if (fresh.length === 0) return;
    const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 40;
    fresh.forEach(render);
    shown = messages.length;
    empty.hidden = shown > 0;
    count.textContent = String(shown);
    if (atBottom || fresh.length === shown) window.scrollTo(0, document.body.scrollHeight);
  } catch {
    // The emulator may be restarting; the next poll tries again.
  }
}

refresh();
setInterval(refresh, 1000);
