// Opened from disk (a copy on a USB stick), folders do not open their index.html by themselves:
// point links at it. Online this does nothing; every page works without it. An external file
// rather than an inline script, so that the Content-Security-Policy can forbid inline script.
if (location.protocol === "file:") {
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!/^[a-z]+:|^\/\/|^#/i.test(href) && /\/$|^\.$|^\.\.$/.test(href)) {
      a.setAttribute("href", href.replace(/\/?$/, "/") + "index.html");
    }
  }
}
