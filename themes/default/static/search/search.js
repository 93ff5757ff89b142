/*
 * annals search: finds every report containing the query, in either script, offline. This file
 * reads the index (loading, folding, postings); search-query.js is the query language and
 * matching, search-view.js and search-page.js the page around them.
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
  var store = { meta: null, shards: new Map(), docs: new Map(), facets: null };
  api.meta = function (meta) { store.meta = meta; };
  api.shard = function (n, grams) { store.shards.set(n, grams); };
  /** The bundle named `name`: the records of its reports, from the first the catalogue names
   * for it (reports are numbered oldest first). */
  api.docs = function (name, docs) {
    var first = bundleStarts[bundleNumbers.get(name)];
    docs.forEach(function (doc, i) { store.docs.set(first + i, doc); });
  };
  /** Every report's officials, districts and tags: id lists of catalogue entities. */
  api.facets = function (lists) { store.facets = lists.split(" ").map(decodeIds); };

  // ---- Loading index files ------------------------------------------------------------------

  var app = document.getElementById("search-app");
  if (!app) return;
  var dataDir = app.getAttribute("data-index") || "data/";
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

  /** First report and name of every bundle, in report order, and each name's place: decoded
   * from the catalogue. */
  var bundleStarts = [];
  var bundleNames = [];
  var bundleNumbers = new Map();

  /** Every bundle's name (mirror of src/search/bundle_scripts.rs): the month of its first
   * report (the catalogue's month runs), made a plain file name, then the bundle's place among
   * that month's bundles, from 0. */
  function nameBundles(months) {
    var perMonth = new Map();
    var run = 0;
    bundleNames = bundleStarts.map(function (start) {
      while (run + 1 < months.length && months[run][2] <= start) run++;
      var key = months[run][0].replace(/[^0-9A-Za-z-]/gu, "_");
      var count = perMonth.get(key) || 0;
      perMonth.set(key, count + 1);
      return key + "-" + count;
    });
    bundleNumbers = new Map(bundleNames.map(function (name, i) { return [name, i]; }));
  }

  /** The bundle file holding report `id` (bundles are runs of consecutive reports). */
  function bundleOf(id) {
    var low = 0;
    var high = bundleStarts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (bundleStarts[mid] <= id) low = mid; else high = mid - 1;
    }
    return "d/" + bundleNames[low] + ".js";
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


  api.engine = {
    store: store,
    load: load,
    bundleOf: bundleOf,
    fold: fold,
    isCjk: isCjk,
    isWordChar: isWordChar,
    decodeIds: decodeIds,
    decodePositional: decodePositional,
    postings: postings,
    shardOf: shardOf,
    isLoading: function (path) { return loading.has(path); },
    /** Reads the catalogue: folding table and bundles (search-query.js adds the known names). */
    ready: function () {
      var meta = store.meta;
      var pairs = Array.from(meta.fold);
      for (var i = 0; i + 1 < pairs.length; i += 2) foldTable.set(pairs[i], pairs[i + 1]);
      bundleStarts = decodeIds(meta.bundles);
      nameBundles(meta.months);
    },
  };
  api.fold = fold;
})();
