/* What test_phone_layout.py checks on each page; returns {cells, problems}. `phone`: also check the body text
   size and what a finger taps. Evaluated by
   Playwright (page.evaluate), so the file is one function expression. */
(phone) => {
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const label = (el) => (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  const rootWidth = document.documentElement.scrollWidth, viewport = window.innerWidth;
  if (rootWidth > viewport) {
    const wide = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > viewport + 1)
      .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + el.className + ' «' + label(el) + '»');
    problems.push(`scrolls sideways: ${rootWidth}px in ${viewport}px (${wide.join('; ')})`);
  }
  const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
  if (bodySize < 16) problems.push(`body text is ${bodySize}px`);
  // Text squeezed into a narrow column: a text that runs over more than one line inside a box narrower than
  // three of its characters (a text that fits on one line is readable however narrow its box).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const squeezed = new Set();
  let cells = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, option, select, textarea, svg, [hidden]')) continue;
    let box = parent;
    while (box.parentElement && getComputedStyle(box).display.startsWith('inline') && getComputedStyle(box).display !== 'inline-block') box = box.parentElement;
    if (!visible(box) || squeezed.has(box)) continue;
    cells++;
    const size = parseFloat(getComputedStyle(parent).fontSize);
    const s = getComputedStyle(box);
    const inner = box.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
      - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth);
    if (inner >= 3 * size) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) {
      squeezed.add(box);
      problems.push(`text squeezed to ${Math.round(inner)}px (${tops.size} lines): «${label(box)}»`);
    }
  }
  // Words that must never break: status badges, plan states, times, names marked .nowrap.
  for (const el of document.querySelectorAll('.badge, .state, .nowrap, time')) {
    if (!visible(el)) continue;
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) { problems.push(`breaks inside: «${node.textContent.trim().slice(0, 40)}»`); break; }
    }
  }
  // A required mark sits on the line of its label.
  for (const mark of document.querySelectorAll('.required')) {
    const labelEl = mark.previousElementSibling;
    if (!labelEl || !visible(mark)) continue;
    const a = labelEl.getBoundingClientRect(), b = mark.getBoundingClientRect();
    if (b.top >= a.bottom - 2) problems.push(`required mark on its own line after «${label(labelEl)}»`);
  }
  if (!phone) return {cells, problems: [...new Set(problems)]};
  // What a finger taps: buttons, navigation links, tick boxes (with their label) at least 44px tall.
  const targets = document.querySelectorAll(
    '.site-nav a, .site-tools a, .site-tools button, .button, button, input[type=submit], .tabs a, .month-nav a, .year-nav a, .pager a, .feed-list a');
  for (const el of targets) {
    if (!visible(el) || el.closest('.scrolls')) continue;
    const h = el.getBoundingClientRect().height;
    if (h < 43.5) problems.push(`tap target ${Math.round(h)}px tall: «${label(el)}»`);
  }
  for (const box of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    if (!visible(box)) continue;
    const row = box.closest('label') || (box.id && document.querySelector(`label[for="${box.id}"]`)) || box;
    const h = Math.max(box.getBoundingClientRect().height, row.getBoundingClientRect().height);
    if (h < 43.5) problems.push(`tick box ${Math.round(h)}px tall: «${label(row)}»`);
  }
  return {cells, problems: [...new Set(problems)]};
}
