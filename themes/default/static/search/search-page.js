/*
 * annals search page: the query box, the filters with their counts, the sort order, the results
 * and the name suggestions, around the engine of search.js (window.annalsSearch.engine).
 *
 * Every state of the page is in its address: q, official, district, tag (slugs), year, month
 * (1–12), sort (newest, oldest; relevance is the default) and wide=1 (names also inside longer
 * names). The page reads them on load and rewrites them with history.replaceState, so a view can
 * be shared and bookmarked. Filters need no query: any combination lists its reports, newest
 * first. Each filter's options count the reports the current selection would have with that
 * option instead, from the facet file (every report's officials, districts and tags). What a
 * result and a suggestion look like is in search-view.js.
 */
(function () {
  "use strict";

  var api = window.annalsSearch;
  var engine = api && api.engine;
  var shown = api && api.view;
  var app = document.getElementById("search-app");
  if (!app || !engine || !shown) return;
  var store = engine.store;
  var text = shown.text;

  var form = app.querySelector("form");
  var input = document.getElementById("search-q");
  var wide = document.getElementById("search-wide");
  var sort = document.getElementById("search-sort");
  /** The order the reader chose; without a query to rank by, relevance shows as newest. */
  var chosenSort = "relevance";
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
    if (chosenSort !== "relevance") params.set("sort", chosenSort);
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
    if (sort) chosenSort = sort.value;
    if (wide) wide.checked = params.get("wide") === "1";
    input.value = params.get("q") || input.value;
  }

  // ---- Running a query or a selection --------------------------------------------------------------

  var number = shown.number;
  var countText = shown.countText;
  var resultItem = shown.resultItem;
  var showSuggestions = shown.showSuggestions;
  var closeSuggestions = shown.closeSuggestions;

  function order(candidates, parsed) {
    var mode = chosenSort;
    if (mode === "relevance" && !parsed.include.length) mode = "newest";
    // Reports are numbered oldest first: the newest has the largest id.
    var by = {
      relevance: function (a, b) { return a.rank - b.rank || b.id - a.id; },
      newest: function (a, b) { return b.id - a.id; },
      oldest: function (a, b) { return a.id - b.id; },
    }[mode] || function (a, b) { return b.id - a.id; };
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
    if (sort) {
      sort.querySelector("[value=relevance]").disabled = !parsed.include.length;
      sort.value = chosenSort === "relevance" && !parsed.include.length ? "newest" : chosenSort;
    }
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
      shown.moveActive(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && shown.activeOption()) {
      event.preventDefault();
      location.href = shown.activeOption().getAttribute("data-href");
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
  if (sort) sort.addEventListener("change", function () { chosenSort = sort.value; });
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
    shown.learnNames();
    readAddress();
    app.classList.add("search-ready");
    return run();
  }).catch(fail);

  api.run = function (query) { input.value = query; return run(); };
})();
