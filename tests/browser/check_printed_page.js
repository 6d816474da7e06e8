/* What test_phone_layout.py checks on a page under print media; returns {problems, tables, rows}. Evaluated
   by Playwright (page.evaluate), so the file is one function expression. */
() => {
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && getComputedStyle(el).visibility !== 'hidden';
  };
  for (const el of document.querySelectorAll('header, nav, footer, button, form, .button, select, input, details.fold')) {
    if (visible(el)) problems.push(`printed: ${el.tagName.toLowerCase()}.${el.className} «${(el.innerText || '').trim().slice(0, 30)}»`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth)
    problems.push(`wider than the paper: ${document.documentElement.scrollWidth}px in ${window.innerWidth}px`);
  for (const el of document.querySelectorAll('main *')) {
    const s = getComputedStyle(el);
    if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.closest('.bar'))
      problems.push(`cut off inside its box: ${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
  for (const a of document.querySelectorAll('main a')) {
    if (visible(a) && getComputedStyle(a).textDecorationLine !== 'none') { problems.push(`link printed underlined: «${a.innerText.trim().slice(0, 30)}»`); break; }
  }
  const tables = [...document.querySelectorAll('main table')].filter(visible);
  return {problems, tables: tables.length, rows: tables.reduce((n, t) => n + t.rows.length, 0)};
}
