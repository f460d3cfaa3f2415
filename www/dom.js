// highdim's one DOM helper, shared by the page's modules (highdim.js, tables.js, teacher.js).
// It imports nothing, so the single-file offline build can inline it (scripts/pages.mjs).

// A new element: `attrs` sets attributes (`text` the text content, `class` the class name,
// `true` an empty attribute, `false`/null none), `children` are appended.
export function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}
