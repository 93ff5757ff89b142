/*
 * annals search page: what it shows — result items (title, localised date, names, shown front
 * matter keys, a snippet, every match in <mark>) and the name suggestions under the box (a
 * listbox whose options hold text only; choosing one opens the page of the official or
 * district). Loaded after search.js and before search-page.js, which drives it.
 */
(function () {
  "use strict";

  var api = window.annalsSearch;
  var engine = api && api.engine;
  var app = document.getElementById("search-app");
  if (!app || !engine) return;
  var store = engine.store;
  var siteRoot = app.getAttribute("data-root") || "../";
  var text = function (name) { return app.getAttribute("data-t-" + name) || ""; };
  var input = document.getElementById("search-q");
  var suggestions = document.getElementById("search-suggestions");

  function number(n) { return n.toLocaleString(document.documentElement.lang || undefined); }
  /** "12 篇報導", or "約 12 篇報導" while some candidates are not checked yet. */
  function countText(count, estimated) {
    var unit = text("count");
    var about = estimated ? (text("about") || "≈") + " " : "";
    return about + number(count) + (unit ? " " + unit : "");
  }

  // ---- Rendering results ---------------------------------------------------------------------------

  function href(url) {
    var target = siteRoot + url;
    // From disk a folder link opens a file listing: point at its index.html instead.
    if (location.protocol === "file:" && /\/$/.test(target)) target += "index.html";
    return target;
  }

  /** The occurrences of every alternative of every included term in folded `value`. */
  function ranges(folded, parsed) {
    var out = [];
    parsed.include.forEach(function (term) {
      term.forEach(function (alt) { out = out.concat(engine.occurrences(folded, alt)); });
    });
    return out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  }

  /** Appends `value` to `parent`, with every occurrence of the terms inside <mark>. */
  function appendMarked(parent, value, parsed) {
    var at = 0;
    ranges(engine.fold(value), parsed).forEach(function (r) {
      if (r[0] < at) return;
      parent.appendChild(document.createTextNode(value.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = value.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    parent.appendChild(document.createTextNode(value.slice(at)));
  }

  /** About 120 characters of body text around the first match (or the opening). */
  function snippet(doc, parsed) {
    var body = doc.x.replace(/\n/g, " ");
    var found = ranges(engine.fold(body), parsed);
    var start = Math.max(0, found.length ? found[0][0] - 40 : 0);
    if (start > 0 && /[\udc00-\udfff]/.test(body.charAt(start))) start--;
    var end = Math.min(body.length, start + 120);
    if (end < body.length && /[\ud800-\udbff]/.test(body.charAt(end - 1))) end++;
    return (start > 0 ? "…" : "") + body.slice(start, end) + (end < body.length ? "…" : "");
  }

  /** `2023-07-04` as the other pages write dates (2023年7月4日, 4 July 2023). */
  function displayDate(iso) {
    var months = text("months").split(",");
    var parts = iso.split("-").map(Number);
    return (text("date-pattern") || "{y}-{m}-{d}")
      .replace("{y}", parts[0]).replace("{m}", parts[1]).replace("{d}", parts[2])
      .replace("{month}", months[parts[1] - 1] || parts[1]);
  }

  function entityLinks(parent, names, parsed) {
    names.forEach(function (name, i) {
      if (i) parent.appendChild(document.createTextNode("、"));
      var entity = store.meta.entities.find(function (e) { return e.n === name && e.k !== "t"; });
      var node = entity ? document.createElement("a") : document.createElement("span");
      if (entity) node.href = href(entity.u);
      appendMarked(node, name, parsed);
      parent.appendChild(node);
    });
  }

  function resultItem(doc, parsed) {
    var item = document.createElement("li");
    item.className = "search-result";
    var title = document.createElement("h3");
    title.className = "search-result-title";
    var link = document.createElement("a");
    link.href = href(doc.u);
    appendMarked(link, doc.t, parsed);
    title.appendChild(link);
    item.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "meta";
    var time = document.createElement("time");
    time.dateTime = doc.d;
    time.textContent = displayDate(doc.d);
    meta.appendChild(time);
    [[doc.o, "officials"], [doc.s, "districts"]].forEach(function (pair) {
      if (!pair[0].length) return;
      meta.appendChild(document.createTextNode(" · "));
      var span = document.createElement("span");
      span.className = "search-result-" + pair[1];
      entityLinks(span, pair[0], parsed);
      meta.appendChild(span);
    });
    // Front matter values the key table marks as shown (`venue`…).
    (doc.f || []).forEach(function (pair) {
      if ((store.meta.shown || []).indexOf(pair[0]) < 0) return;
      meta.appendChild(document.createTextNode(" · "));
      var span = document.createElement("span");
      span.className = "search-result-" + pair[0];
      appendMarked(span, pair[1], parsed);
      meta.appendChild(span);
    });
    item.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "search-snippet";
    appendMarked(excerpt, snippet(doc, parsed), parsed);
    item.appendChild(excerpt);
    return item;
  }

  // ---- Name suggestions ------------------------------------------------------------------------------

  var active = -1;
  var foldedNames = [];

  function suggest(query) {
    var folded = engine.fold(query.trim());
    if (!folded) return [];
    var cjk = Array.from(folded).some(function (c) { return engine.isCjk(c.codePointAt(0)); });
    var key = folded.replace(/[\s'’·-]/g, "");
    if (!cjk && key.length < 2) return [];
    var found = [];
    store.meta.entities.forEach(function (entity, index) {
      if (entity.k === "t") return;
      var score = -1;
      if (cjk) {
        foldedNames[index].forEach(function (name) {
          if (name === folded) score = Math.max(score, 2);
          else if (name.indexOf(folded) >= 0) score = Math.max(score, 1);
        });
      } else {
        entity.p.forEach(function (p) {
          if (p === key) score = Math.max(score, 2);
          else if (p.indexOf(key) === 0) score = Math.max(score, 1);
        });
      }
      if (score >= 0) found.push({ entity: entity, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score || b.entity.c - a.entity.c; });
    return found.slice(0, 8).map(function (f) { return f.entity; });
  }

  /** Options hold text only (no link inside role=option); choosing one opens the page. */
  function showSuggestions(query) {
    var found = suggest(query);
    suggestions.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    found.forEach(function (entity, i) {
      var option = document.createElement("li");
      option.id = "search-suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-href", href(entity.u));
      var name = document.createElement("span");
      name.className = "search-suggestion-name";
      name.textContent = entity.n;
      option.appendChild(name);
      var note = document.createElement("span");
      note.className = "search-suggestion-note";
      note.textContent = " " + (entity.k === "o" ? text("officials") : text("districts")) + " · " +
        countText(entity.c, false);
      option.appendChild(note);
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { location.href = option.getAttribute("data-href"); });
      suggestions.appendChild(option);
    });
    suggestions.hidden = found.length === 0;
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
  }

  function closeSuggestions() {
    suggestions.hidden = true;
    suggestions.textContent = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function moveActive(step) {
    var options = suggestions.querySelectorAll("[role=option]");
    if (!options.length) return;
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active = (active + step + options.length + 1) % (options.length + 1) - 1;
    if (active < 0) active = step > 0 ? 0 : options.length - 1;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  api.view = {
    text: text,
    number: number,
    countText: countText,
    resultItem: resultItem,
    showSuggestions: showSuggestions,
    closeSuggestions: closeSuggestions,
    moveActive: moveActive,
    activeOption: function () {
      return active >= 0 ? suggestions.querySelectorAll("[role=option]")[active] : null;
    },
    /** Folds every entity's names once, for suggestions (after the catalogue is read). */
    learnNames: function () {
      store.meta.entities.forEach(function (entity) {
        foldedNames.push([entity.n].concat(entity.a).map(engine.fold));
      });
    },
  };
})();
