/*
 * annals search page: finds every report containing the query, in either script, offline.
 *
 * The index (built by src/search in Rust, described in docs/search.md) is a set of scripts under
 * search/data/ that call the functions of window.annalsSearch. They are loaded with <script>
 * elements, never fetch(), so the page also works when the site is opened from disk (file://).
 *
 * This file repeats four rules of the Rust side exactly; change them together:
 *   fold()       ↔ src/search/fold.rs       (traditional → simplified, width, case)
 *   isCjk() etc. ↔ src/search/tokenize.rs   (what a phrase and a word are)
 *   gramHash()   ↔ src/search/shard.rs      (which shard file holds a gram)
 *   decode*()    ↔ src/search/encode.rs     (postings)
 */
(function () {
  "use strict";

  var api = (window.annalsSearch = window.annalsSearch || {});
  var store = { meta: null, shards: new Map(), docs: new Map(), entities: new Map() };
  api.meta = function (meta) { store.meta = meta; };
  api.shard = function (n, grams) { store.shards.set(n, grams); };
  /** A bundle: the records of reports first, first + 1, … */
  api.docs = function (first, docs) {
    docs.forEach(function (doc, i) { store.docs.set(first + i, doc); });
  };
  api.entity = function (n, ids) { store.entities.set(n, ids); };

  // ---- Loading index files ------------------------------------------------------------------

  var app = document.getElementById("search-app");
  if (!app) return;
  var dataDir = app.getAttribute("data-index") || "data/";
  var siteRoot = app.getAttribute("data-root") || "../";
  var loading = new Map();

  /** Loads one index file (path relative to search/data/) once; resolves when it has run. */
  function load(path) {
    if (!loading.has(path)) {
      var version = store.meta ? "?v=" + store.meta.version : "";
      loading.set(path, new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = dataDir + path + version;
        script.async = true;
        script.onload = function () { script.remove(); resolve(); };
        script.onerror = function () {
          script.remove();
          loading.delete(path);
          reject(new Error("cannot load the search index file " + path));
        };
        document.head.appendChild(script);
      }));
    }
    return loading.get(path);
  }
  api.loadedFiles = function () { return Array.from(loading.keys()); };

  /** First report of every bundle d/N.js, decoded from the catalogue. */
  var bundleStarts = [];

  /** The bundle file holding report `id` (bundles are runs of consecutive reports). */
  function bundleOf(id) {
    var low = 0;
    var high = bundleStarts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (bundleStarts[mid] <= id) low = mid; else high = mid - 1;
    }
    return "d/" + low + ".js";
  }

  // ---- Folding and tokenising (mirror of fold.rs and tokenize.rs) ----------------------------

  var foldTable = new Map();

  function foldChar(c) {
    var cp = c.codePointAt(0);
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32);
    if (cp < 0x80) return c;
    if (cp >= 0xff01 && cp <= 0xff5e) {
      var ascii = cp - 0xfee0;
      return String.fromCharCode(ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii);
    }
    if (cp === 0x3000) return " ";
    if (cp >= 0xc0 && cp <= 0x24f) {
      var lower = c.toLowerCase();
      return Array.from(lower).length === 1 ? lower : c;
    }
    return foldTable.get(c) || c;
  }

  /** Folds a text; the result has the same UTF-16 length, so indexes carry over. */
  function fold(text) {
    var out = "";
    for (var c of text) out += foldChar(c);
    return out;
  }

  function isCjk(cp) {
    return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f) ||
      (cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3041 && cp <= 0x30ff) ||
      (cp >= 0xac00 && cp <= 0xd7af);
  }
  var letterOrDigit = /^[\p{Alphabetic}\p{N}]$/u;
  function isWordChar(c) { return !isCjk(c.codePointAt(0)) && letterOrDigit.test(c); }

  /** The terms of a query: CJK phrases and words, folded, without duplicates. */
  function parseQuery(query) {
    var terms = [];
    var seen = new Set();
    var current = "";
    var kind = null;
    function flush() {
      if (current && !seen.has(kind + current)) {
        seen.add(kind + current);
        terms.push({ kind: kind, text: current, chars: Array.from(current) });
      }
      current = "";
      kind = null;
    }
    for (var c of fold(query)) {
      var k = isCjk(c.codePointAt(0)) ? "phrase" : isWordChar(c) ? "word" : null;
      if (k !== kind) flush();
      if (k) { kind = k; current += c; }
    }
    flush();
    return terms;
  }

  // ---- Shards and postings (mirror of shard.rs and encode.rs) --------------------------------

  function gramHash(key) {
    var h = 0x811c9dc5;
    for (var c of key) {
      h ^= c.codePointAt(0);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }
  api.gramHash = gramHash;

  function shardOf(key) {
    var bits = store.meta.shard_bits;
    return bits === 0 ? 0 : gramHash(key) >>> (32 - bits);
  }

  var ALPHABET = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";
  var DIGIT = new Int16Array(128).fill(-1);
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
  var FINAL = 60, CONTINUATION = 30;

  /** Reads variable-length numbers from `text` starting at `start`. */
  function numbers(text, start) {
    var out = [];
    var pending = [];
    for (var i = start || 0; i < text.length; i++) {
      var d = DIGIT[text.charCodeAt(i)];
      if (d >= FINAL) { pending.push(d - FINAL); continue; }
      var value = d;
      for (var k = pending.length - 1; k >= 0; k--) value = value * CONTINUATION + pending[k] + FINAL;
      pending.length = 0;
      out.push(value);
    }
    return out;
  }

  /** A list of report ids: delta-encoded, or "!" + first block + one 6-bit digit per block. */
  function decodeIds(text) {
    var ids = [];
    if (text.charAt(0) === "!") {
      var end = 1;
      while (DIGIT[text.charCodeAt(end)] >= FINAL) end++;
      var block = numbers(text.slice(1, end + 1))[0];
      for (var i = end + 1; i < text.length; i++, block++) {
        var bits = DIGIT[text.charCodeAt(i)];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) ids.push(block * 6 + b);
      }
      return ids;
    }
    var previous = -1;
    for (var gap of numbers(text)) { previous = previous + gap + 1; ids.push(previous); }
    return ids;
  }

  /** A positional posting: Map id → positions, or id → null when only ids were kept ("!"). */
  function decodePositional(text) {
    var out = new Map();
    if (text.charAt(0) === "!") {
      for (var id of decodeIds(text.slice(1))) out.set(id, null);
      return out;
    }
    var values = numbers(text);
    var previous = -1;
    for (var i = 0; i < values.length;) {
      previous = previous + values[i++] + 1;
      var positions = [];
      var last = -1;
      for (;;) {
        var value = values[i++];
        last = last + Math.floor(value / 2) + 1;
        positions.push(last);
        if (value % 2 === 0) break;
      }
      out.set(previous, positions);
    }
    return out;
  }

  /** The [body, labels] postings of a gram (empty strings when absent). */
  function postings(key) {
    var value = (store.shards.get(shardOf(key)) || {})[key];
    if (value === undefined) return ["", ""];
    return typeof value === "string" ? [value, ""] : value;
  }

  // ---- Answering a query (mirror of reference.rs) ---------------------------------------------

  function termKeys(term) {
    if (term.kind === "word" || term.chars.length === 1) return [term.text];
    var keys = [];
    for (var i = 0; i + 1 < term.chars.length; i++) keys.push(term.chars[i] + term.chars[i + 1]);
    return keys;
  }

  /** For one term: [labels, body], each a Map id → true (certain) or false (check the text). */
  function termMatches(term) {
    var keys = termKeys(term);
    var slots = [1, 0];
    if (keys.length === 1) {
      var both = postings(keys[0]);
      return slots.map(function (slot) {
        var found = new Map();
        var ids = term.chars.length === 2 && term.kind === "phrase"
          ? Array.from(decodePositional(both[slot]).keys())
          : decodeIds(both[slot]);
        for (var id of ids) found.set(id, true);
        return found;
      });
    }
    var all = keys.map(postings);
    return slots.map(function (slot) {
      var decoded = all.map(function (p) { return decodePositional(p[slot]); });
      var smallest = decoded.reduce(function (a, b) { return b.size < a.size ? b : a; });
      var found = new Map();
      report: for (var id of smallest.keys()) {
        var starts = null;
        var certain = true;
        for (var offset = 0; offset < decoded.length; offset++) {
          if (!decoded[offset].has(id)) continue report;
          var positions = decoded[offset].get(id);
          if (positions === null) { certain = false; continue; }
          var here = new Set();
          for (var p of positions) if (p >= offset) here.add(p - offset);
          if (starts === null) starts = here;
          else starts = new Set(Array.from(starts).filter(function (s) { return here.has(s); }));
          if (starts.size === 0) continue report;
        }
        found.set(id, certain);
      }
      return found;
    });
  }

  /**
   * Every report that may match, best first: more terms found in labels (title, officials,
   * districts, tags) first, then the newest (lower id). `certain` is false where the report was
   * found through very common bigrams only and its text must still be checked.
   */
  function candidates(terms) {
    var perTerm = terms.map(function (term) {
      var both = termMatches(term);
      var merged = new Map();
      both.forEach(function (found, slot) {
        found.forEach(function (certain, id) {
          var entry = merged.get(id) || [undefined, undefined];
          entry[slot] = certain;
          merged.set(id, entry);
        });
      });
      return merged;
    });
    var out = [];
    if (!perTerm.length) return out;
    report: for (var id of perTerm[0].keys()) {
      var inLabels = 0, certain = true;
      for (var found of perTerm) {
        var slots = found.get(id);
        if (!slots) continue report;
        if (slots[0] === true) inLabels++;
        certain = certain && (slots[0] === true || slots[1] === true);
      }
      out.push({ id: id, rank: terms.length - inLabels, certain: certain });
    }
    out.sort(function (a, b) { return a.rank - b.rank || a.id - b.id; });
    return out;
  }

  function labelsOf(doc) {
    return [doc.t].concat(doc.o, doc.s, doc.g, doc.a).join("\n");
  }

  /** Where `term` occurs in folded `text`: [start, end) UTF-16 ranges. */
  function occurrences(text, term) {
    var found = [];
    var from = 0;
    for (;;) {
      var at = text.indexOf(term.text, from);
      if (at < 0) return found;
      var end = at + term.text.length;
      var whole = term.kind === "phrase" ||
        ((at === 0 || !isWordChar(charBefore(text, at))) &&
         (end >= text.length || !isWordChar(charAt(text, end))));
      if (whole) found.push([at, end]);
      from = at + 1;
    }
  }
  function charAt(text, i) { return String.fromCodePoint(text.codePointAt(i)); }
  function charBefore(text, i) {
    var low = text.charCodeAt(i - 1);
    return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.charAt(i - 1);
  }

  /** True when the report (its file loaded) contains every term. */
  function reportMatches(doc, terms) {
    var labels = fold(labelsOf(doc));
    var body = fold(doc.x);
    return terms.every(function (term) {
      return occurrences(labels, term).length > 0 || occurrences(body, term).length > 0;
    });
  }

  // ---- The page --------------------------------------------------------------------------------

  var form = app.querySelector("form");
  var input = document.getElementById("search-q");
  var filters = {
    official: document.getElementById("search-official"),
    district: document.getElementById("search-district"),
    year: document.getElementById("search-year"),
  };
  var region = document.getElementById("search-region");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var suggestions = document.getElementById("search-suggestions");
  var text = function (name) { return app.getAttribute("data-t-" + name) || ""; };
  var entityByUrl = new Map();
  var foldedNames = [];
  var generation = 0;
  var view = null;
  /**
   * Report bundles loaded at most per step (a first page or "show more"), to bound the transfer:
   * ten results far apart take ten bundles, candidates that fail their check take more.
   */
  var MAX_BUNDLES_PER_STEP = 14;

  function href(url) {
    var target = siteRoot + url;
    // From disk a folder link opens a file listing: point at its index.html instead.
    if (location.protocol === "file:" && /\/$/.test(target)) target += "index.html";
    return target;
  }

  function setParams(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(filters).forEach(function (name) {
      if (filters[name] && filters[name].value) params.set(name, filters[name].value);
    });
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the search still works.
    }
  }

  function number(n) { return n.toLocaleString(document.documentElement.lang || undefined); }
  /** "12 篇報導", or "約 12 篇報導" while some candidates are not checked yet. */
  function countText(count, estimated) {
    var unit = text("count");
    var about = estimated ? (text("about") || "≈") + " " : "";
    return about + number(count) + (unit ? " " + unit : "");
  }

  /** Applies the filters; resolves to the filtered candidate list. */
  function filtered(all) {
    var year = filters.year && filters.year.value;
    var runs = year ? store.meta.years.filter(function (r) { return r[0] === year; }) : null;
    var needed = [];
    var sets = [];
    ["official", "district"].forEach(function (name) {
      var url = filters[name] && filters[name].value;
      if (!url) return;
      var index = entityByUrl.get(url);
      if (index === undefined) { sets.push(new Set()); return; }
      needed.push(load("e/" + index + ".js").then(function () {
        sets.push(new Set(decodeIds(store.entities.get(index) || "")));
      }));
    });
    return Promise.all(needed).then(function () {
      return all.filter(function (c) {
        if (runs && !runs.some(function (r) { return c.id >= r[1] && c.id < r[2]; })) return false;
        return sets.every(function (set) { return set.has(c.id); });
      });
    });
  }

  function run(query) {
    var mine = ++generation;
    closeSuggestions();
    setParams(query);
    var terms = parseQuery(query);
    list.textContent = "";
    more.hidden = true;
    if (!terms.length) {
      statusLine.textContent = "";
      view = null;
      settle();
      return Promise.resolve();
    }
    region.setAttribute("aria-busy", "true");
    var shards = new Set();
    terms.forEach(function (term) {
      termKeys(term).forEach(function (key) { shards.add(shardOf(key)); });
    });
    var started = performance.now();
    return Promise.all(Array.from(shards, function (s) { return load("s/" + s + ".js"); }))
      .then(function () {
        var arrived = performance.now();
        var all = candidates(terms);
        return filtered(all).then(function (list) {
          if (mine !== generation) return;
          // Timings for measurement: shards loaded, candidates ranked, first page shown.
          api.timing = { shardsMs: arrived - started, lookupMs: performance.now() - arrived };
          view = { terms: terms, list: list, next: 0, shown: 0, rejected: 0, checked: 0, arrived: arrived };
          return showMore(mine);
        });
      })
      .catch(function (error) { if (mine === generation) fail(error); });
  }

  /** Shows the next page of results, checking uncertain candidates against their text. */
  function showMore(mine) {
    var v = view;
    var pageSize = store.meta.page_size;
    var target = v.shown + pageSize;
    var fetched = 0;
    region.setAttribute("aria-busy", "true");
    function step() {
      if (mine !== generation) return Promise.resolve();
      if (v.shown >= target || v.next >= v.list.length || fetched >= MAX_BUNDLES_PER_STEP) {
        return Promise.resolve(finish(v));
      }
      var batch = v.list.slice(v.next, v.next + (target - v.shown));
      v.next += batch.length;
      var bundles = Array.from(new Set(batch.map(function (c) { return bundleOf(c.id); })));
      fetched += bundles.filter(function (path) { return !loading.has(path); }).length;
      return Promise.all(bundles.map(function (path) { return load(path); })).then(function () {
        if (mine !== generation) return;
        batch.forEach(function (c) {
          var doc = store.docs.get(c.id);
          if (!c.certain) v.checked++;
          if (c.certain || reportMatches(doc, v.terms)) {
            c.certain = true;
            list.appendChild(resultItem(doc, v.terms));
            v.shown++;
          } else {
            v.rejected++;
          }
        });
        return step();
      });
    }
    return step();
  }

  /**
   * Writes the count. While candidates found through very common bigrams remain unchecked, the
   * count is an estimate: those checked so far tell what share of the rest will match.
   */
  function finish(v) {
    var uncertain = 0;
    for (var i = v.next; i < v.list.length; i++) if (!v.list[i].certain) uncertain++;
    var sure = v.list.length - v.rejected - uncertain;
    var passed = v.checked - v.rejected;
    var estimate = sure + Math.round(uncertain * (passed + 1) / (v.checked + 2));
    statusLine.textContent = sure + uncertain === 0 ? text("none") : countText(estimate, uncertain > 0);
    if (api.timing && api.timing.pageMs === undefined) api.timing.pageMs = performance.now() - v.arrived;
    more.hidden = v.next >= v.list.length;
    settle();
  }

  /** Marks the page idle; `api.settled` counts finished searches (tests wait on it). */
  function settle() {
    region.setAttribute("aria-busy", "false");
    api.settled = (api.settled || 0) + 1;
  }

  function fail(error) {
    statusLine.textContent = error.message;
    settle();
  }

  // ---- Rendering results -----------------------------------------------------------------------

  /** Appends `value` to `parent`, with every occurrence of the terms inside <mark>. */
  function appendMarked(parent, value, terms) {
    var folded = fold(value);
    var ranges = [];
    terms.forEach(function (term) { ranges = ranges.concat(occurrences(folded, term)); });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var at = 0;
    ranges.forEach(function (r) {
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
  function snippet(doc, terms) {
    var body = doc.x.replace(/\n/g, " ");
    var folded = fold(body);
    var first = -1;
    terms.forEach(function (term) {
      var found = occurrences(folded, term);
      if (found.length && (first < 0 || found[0][0] < first)) first = found[0][0];
    });
    var start = Math.max(0, first - 40);
    if (start > 0 && /[\udc00-\udfff]/.test(body.charAt(start))) start--;
    var end = Math.min(body.length, start + 120);
    if (end < body.length && /[\ud800-\udbff]/.test(body.charAt(end - 1))) end++;
    return (start > 0 ? "…" : "") + body.slice(start, end) + (end < body.length ? "…" : "");
  }

  function entityLinks(parent, names, terms) {
    names.forEach(function (name, i) {
      if (i) parent.appendChild(document.createTextNode("、"));
      var entity = store.meta.entities.find(function (e) { return e.n === name; });
      var node = entity ? document.createElement("a") : document.createElement("span");
      if (entity) node.href = href(entity.u);
      appendMarked(node, name, terms);
      parent.appendChild(node);
    });
  }

  function resultItem(doc, terms) {
    var item = document.createElement("li");
    item.className = "search-result";
    var title = document.createElement("h3");
    title.className = "search-result-title";
    var link = document.createElement("a");
    link.href = href(doc.u);
    appendMarked(link, doc.t, terms);
    title.appendChild(link);
    item.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "meta";
    var time = document.createElement("time");
    time.dateTime = doc.d;
    time.textContent = doc.d;
    meta.appendChild(time);
    [[doc.o, "officials"], [doc.s, "districts"]].forEach(function (pair) {
      if (!pair[0].length) return;
      meta.appendChild(document.createTextNode(" · "));
      var span = document.createElement("span");
      span.className = "search-result-" + pair[1];
      entityLinks(span, pair[0], terms);
      meta.appendChild(span);
    });
    item.appendChild(meta);
    var excerpt = document.createElement("p");
    excerpt.className = "search-snippet";
    appendMarked(excerpt, snippet(doc, terms), terms);
    item.appendChild(excerpt);
    return item;
  }

  // ---- Name suggestions ------------------------------------------------------------------------

  var active = -1;

  function suggest(query) {
    var folded = fold(query.trim());
    if (!folded) return [];
    var cjk = Array.from(folded).some(function (c) { return isCjk(c.codePointAt(0)); });
    var key = folded.replace(/[\s'’·-]/g, "");
    if (!cjk && key.length < 2) return [];
    var found = [];
    store.meta.entities.forEach(function (entity, index) {
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
      var link = document.createElement("a");
      link.href = href(entity.u);
      link.tabIndex = -1;
      link.textContent = entity.n;
      option.appendChild(link);
      var note = document.createElement("span");
      note.className = "search-suggestion-note";
      note.textContent = " " + (entity.k === "o" ? text("officials") : text("districts")) + " · " + number(entity.c);
      option.appendChild(note);
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
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

  // ---- Wiring -----------------------------------------------------------------------------------

  var typing = null;
  input.addEventListener("input", function () {
    showSuggestions(input.value);
    clearTimeout(typing);
    typing = setTimeout(function () { run(input.value); showSuggestions(input.value); }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (suggestions.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveActive(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = suggestions.querySelectorAll("[role=option] a")[active].href;
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeSuggestions();
    }
  });
  input.addEventListener("blur", function () { setTimeout(closeSuggestions, 150); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    run(input.value);
  });
  Object.keys(filters).forEach(function (name) {
    if (filters[name]) filters[name].addEventListener("change", function () { run(input.value); });
  });
  more.addEventListener("click", function () {
    if (view) showMore(generation);
  });

  load("meta.js").then(function () {
    var meta = store.meta;
    var pairs = Array.from(meta.fold);
    for (var i = 0; i + 1 < pairs.length; i += 2) foldTable.set(pairs[i], pairs[i + 1]);
    bundleStarts = decodeIds(meta.bundles);
    meta.entities.forEach(function (entity, index) {
      entityByUrl.set(entity.u, index);
      foldedNames.push([entity.n].concat(entity.a).map(fold));
    });
    var params = new URLSearchParams(location.search);
    Object.keys(filters).forEach(function (name) {
      if (filters[name] && params.get(name)) filters[name].value = params.get(name);
    });
    input.value = params.get("q") || input.value;
    app.classList.add("search-ready");
    return run(input.value);
  }).catch(fail);

  api.fold = fold;
  api.parseQuery = parseQuery;
  api.run = run;
})();
