// Opened from disk (a copy on a USB stick), folders do not open their index.html by themselves:
// point links and form actions at it (`search/` → `search/index.html`, `search/?q=…` →
// `search/index.html?q=…`). Online this does nothing; every page works without it. An external
// file rather than an inline script, so that the Content-Security-Policy can forbid inline script.
if (location.protocol === "file:") {
  const toIndex = (url) => {
    if (/^[a-z]+:|^\/\/|^#/i.test(url)) return null;
    const [, path, rest] = url.match(/^([^?#]*)(.*)$/);
    if (!/\/$|^\.$|^\.\.$/.test(path)) return null;
    return path.replace(/\/?$/, "/") + "index.html" + rest;
  };
  for (const a of document.querySelectorAll("a[href]")) {
    const target = toIndex(a.getAttribute("href"));
    if (target) a.setAttribute("href", target);
  }
  for (const form of document.querySelectorAll("form[action]")) {
    const target = toIndex(form.getAttribute("action"));
    if (target) form.setAttribute("action", target);
  }
}
