/*
 * annals search page: the query box, the filters with their counts, the sort order, the results
 * and the name suggestions, around the engine of search.js (window.annalsSearch.engine).
 *
 * Every state of the page is in its address: q, official, district, tag (slugs), year, month
 * (1–12), sort (newest, oldest; relevance is the default) and wide=1 (names also inside longer
 * names). The page reads them on load and rewrites them with history.replaceState, so a view can
 * be shared and bookmarked. Filters need no query: any combination lists its reports, newest
 * first. Each filter's options count the reports the current selection would have with that
 * option instead, from the facet file (every report's officials, districts and tags).
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

  var form = app.querySelector("form");
  var input = document.getElementById("search-q");
  var wide = document.getElementById("search-wide");
  var sort = document.getElementById("search-sort");
  var FACETS = ["official", "district", "tag", "year", "month"];
  var KIND = { official: "o", district: "d", tag: "t" };
  var selects = {};
  FACETS.forEach(function (name) { selects[name] = document.getElementById("search-" + name); });
  var region = document.getElementById("search-region");
  var statusLine = document.getElementById("search-status");
  var clear = document.getElementById("search-clear");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var suggestions = document.getElementById("search-suggestions");
  var baseTitle = document.title;
  var generation = 0;
  var view = null;
  /**
   * Report bundles loaded at most per step (a first page or "show more"), to bound the transfer:
   * ten results far apart take ten bundles, candidates that fail their check take more.
   */
  var MAX_BUNDLES_PER_STEP = 14;

  // ---- Reports, entities and the selection ------------------------------------------------------

  /** Per report: its year ("2024") and month ("3"), from the catalogue's runs. */
  var yearOf = [];
  var monthOf = [];
  /** Per kind (o, d, t): slug, URL, name and alias → catalogue index. */
  var entityKeys = { o: new Map(), d: new Map(), t: new Map() };

  function slugOf(url) { return url.replace(/\/$/, "").split("/").pop(); }

  function learnCatalogue(meta) {
    meta.years.forEach(function (run) {
      for (var id = run[1]; id < run[2]; id++) yearOf[id] = run[0];
    });
    meta.months.forEach(function (run) {
      for (var id = run[1]; id < run[2]; id++) monthOf[id] = String(Number(run[0].slice(5)));
    });
    meta.entities.forEach(function (entity, index) {
      var keys = entityKeys[entity.k];
      [slugOf(entity.u), entity.u, entity.u.replace(/\/$/, "")].concat(entity.n, entity.a)
        .forEach(function (key) { if (!keys.has(key)) keys.set(key, index); });
    });
  }

  /** The selection of the filters: {official: index, …, year: "2024", month: "3"}. */
  function selection() {
    var out = {};
    FACETS.forEach(function (name) {
      var value = selects[name] ? selects[name].value : "";
      if (!value) return;
      if (KIND[name]) {
        var index = entityKeys[KIND[name]].get(value);
        if (index !== undefined) out[name] = index;
      } else {
        out[name] = value;
      }
    });
    return out;
  }

  /** The values report `id` has for a facet. */
  function valuesOf(name, id) {
    if (name === "year") return [yearOf[id]];
    if (name === "month") return [monthOf[id]];
    var kind = KIND[name];
    return store.facets[id].filter(function (index) { return store.meta.entities[index].k === kind; });
  }

  /** True when report `id` meets every selected filter but `skip`. */
  function selected(sel, id, skip) {
    return FACETS.every(function (name) {
      if (name === skip || sel[name] === undefined) return true;
      if (name === "year") return yearOf[id] === sel.year;
      if (name === "month") return monthOf[id] === sel.month;
      return store.facets[id].indexOf(sel[name]) >= 0;
    });
  }

  /** Writes into every filter's options how many reports each would give. */
  function showCounts(candidates, sel) {
    FACETS.forEach(function (name) {
      var select = selects[name];
      if (!select) return;
      var counts = new Map();
      candidates.forEach(function (c) {
        if (!selected(sel, c.id, name)) return;
        valuesOf(name, c.id).forEach(function (v) { counts.set(String(v), (counts.get(String(v)) || 0) + 1); });
      });
      Array.from(select.options).forEach(function (option) {
        if (!option.value) return;
        var key = KIND[name] ? String(entityKeys[KIND[name]].get(option.value)) : option.value;
        var count = counts.get(key) || 0;
        option.textContent = option.getAttribute("data-label") + " (" + number(count) + ")";
        option.disabled = count === 0 && !option.selected;
      });
    });
  }

  /** Puts back the archive's totals (nothing selected). */
  function resetCounts() {
    FACETS.forEach(function (name) {
      if (!selects[name]) return;
      Array.from(selects[name].options).forEach(function (option) {
        if (!option.value) return;
        option.textContent = option.getAttribute("data-label") + " (" +
          number(Number(option.getAttribute("data-count"))) + ")";
        option.disabled = false;
      });
    });
  }

  /** The selection in words: 「query」 × 林靜怡 × 2024年. */
  function describe(query, sel) {
    var parts = query.trim() ? ["\u300c" + query.trim() + "\u300d"] : [];
    FACETS.forEach(function (name) {
      if (sel[name] === undefined) return;
      var option = selects[name].options[selects[name].selectedIndex];
      parts.push(option.getAttribute("data-label"));
    });
    return parts.join(" \u00d7 ");
  }

  // ---- The address ---------------------------------------------------------------------------------

  function writeAddress(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    FACETS.forEach(function (name) {
      if (selects[name] && selects[name].value) params.set(name, selects[name].value);
    });
    if (sort && sort.value !== "relevance") params.set("sort", sort.value);
    if (wide && wide.checked) params.set("wide", "1");
    var search = params.toString();
    try {
      history.replaceState(null, "", search ? "?" + search : location.pathname);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the search still works.
    }
  }

  /** Sets the page from its address; entity filters accept a slug, the page path or a name. */
  function readAddress() {
    var params = new URLSearchParams(location.search);
    FACETS.forEach(function (name) {
      var value = params.get(name);
      if (!selects[name] || !value) return;
      if (KIND[name]) {
        var index = entityKeys[KIND[name]].get(value);
        value = index === undefined ? "" : slugOf(store.meta.entities[index].u);
      }
      selects[name].value = value;
    });
    if (sort && params.get("sort")) sort.value = params.get("sort");
    if (sort && !sort.value) sort.value = "relevance";
    if (wide) wide.checked = params.get("wide") === "1";
    input.value = params.get("q") || input.value;
  }

  // ---- Running a query or a selection --------------------------------------------------------------

  function number(n) { return n.toLocaleString(document.documentElement.lang || undefined); }
  /** "12 篇報導", or "約 12 篇報導" while some candidates are not checked yet. */
  function countText(count, estimated) {
    var unit = text("count");
    var about = estimated ? (text("about") || "≈") + " " : "";
    return about + number(count) + (unit ? " " + unit : "");
  }

  function order(candidates, parsed) {
    var mode = sort ? sort.value : "relevance";
    if (mode === "relevance" && !parsed.include.length) mode = "newest";
    var by = {
      relevance: function (a, b) { return a.rank - b.rank || a.id - b.id; },
      newest: function (a, b) { return a.id - b.id; },
      oldest: function (a, b) { return b.id - a.id; },
    }[mode] || function (a, b) { return a.id - b.id; };
    return candidates.sort(by);
  }

  function run() {
    var mine = ++generation;
    closeSuggestions();
    var query = input.value;
    writeAddress(query);
    var parsed = engine.parseQuery(query, wide && wide.checked);
    var sel = selection();
    var filtered = Object.keys(sel).length > 0;
    list.textContent = "";
    more.hidden = true;
    if (clear) clear.hidden = !filtered;
    if (sort) sort.querySelector("[value=relevance]").disabled = !parsed.include.length;
    var active = filtered || parsed.include.length || parsed.exclude.length;
    var description = describe(query, sel);
    document.title = active ? description + " \u00b7 " + baseTitle : baseTitle;
    if (!active) {
      resetCounts();
      statusLine.textContent = text("browse");
      view = null;
      settle();
      return Promise.resolve();
    }
    region.setAttribute("aria-busy", "true");
    var started = performance.now();
    var files = engine.shardsOf(parsed).concat(["facets.js"]);
    return Promise.all(files.map(engine.load))
      .then(function () {
        if (mine !== generation) return;
        var arrived = performance.now();
        var all = engine.candidates(parsed);
        showCounts(all, sel);
        var chosen = order(all.filter(function (c) { return selected(sel, c.id, null); }), parsed);
        // Timings for measurement: shards loaded, candidates ranked, first page shown.
        api.timing = { shardsMs: arrived - started, lookupMs: performance.now() - arrived };
        view = {
          parsed: parsed, list: chosen, next: 0, shown: 0, rejected: 0, checked: 0,
          arrived: arrived, description: description,
        };
        return showMore(mine);
      })
      .catch(function (error) { if (mine === generation) fail(error); });
  }

  /** Shows the next page of results, checking uncertain candidates against their text. */
  function showMore(mine) {
    var v = view;
    var target = v.shown + store.meta.page_size;
    var fetched = 0;
    region.setAttribute("aria-busy", "true");
    function step() {
      if (mine !== generation) return Promise.resolve();
      if (v.shown >= target || v.next >= v.list.length || fetched >= MAX_BUNDLES_PER_STEP) {
        return Promise.resolve(finish(v));
      }
      var batch = v.list.slice(v.next, v.next + (target - v.shown));
      v.next += batch.length;
      var bundles = Array.from(new Set(batch.map(function (c) { return engine.bundleOf(c.id); })));
      fetched += bundles.filter(function (path) { return !engine.isLoading(path); }).length;
      return Promise.all(bundles.map(engine.load)).then(function () {
        if (mine !== generation) return;
        batch.forEach(function (c) {
          var doc = store.docs.get(c.id);
          if (!c.certain) v.checked++;
          if (c.certain || engine.reportMatches(doc, v.parsed)) {
            c.certain = true;
            list.appendChild(resultItem(doc, v.parsed));
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
    statusLine.textContent = sure + uncertain === 0
      ? text("none-for") + v.description
      : countText(estimate, uncertain > 0);
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

  // ---- Wiring ----------------------------------------------------------------------------------------

  var typing = null;
  input.addEventListener("input", function () {
    showSuggestions(input.value);
    clearTimeout(typing);
    typing = setTimeout(function () { run(); showSuggestions(input.value); }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (suggestions.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveActive(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = suggestions.querySelectorAll("[role=option]")[active].getAttribute("data-href");
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeSuggestions();
    }
  });
  input.addEventListener("blur", function () { setTimeout(closeSuggestions, 150); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    run();
  });
  FACETS.concat(["sort", "wide"]).forEach(function (name) {
    var control = selects[name] || document.getElementById("search-" + name);
    if (control) control.addEventListener("change", function () { run(); });
  });
  if (clear) {
    clear.addEventListener("click", function () {
      FACETS.forEach(function (name) { if (selects[name]) selects[name].value = ""; });
      run();
      input.focus();
    });
  }
  more.addEventListener("click", function () {
    if (view) showMore(generation);
  });

  engine.load("meta.js").then(function () {
    engine.ready();
    learnCatalogue(store.meta);
    store.meta.entities.forEach(function (entity) {
      foldedNames.push([entity.n].concat(entity.a).map(engine.fold));
    });
    readAddress();
    app.classList.add("search-ready");
    return run();
  }).catch(fail);

  api.run = function (query) { input.value = query; return run(); };
})();
