/*
 * annals search: finds every report containing the query, in either script, offline. This file
 * is the engine (index files, query language, matching); search-page.js is the page around it.
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
 * and the query language of src/search/reference.rs (quotes, -exclusion, whole names, pinyin).
 */
(function () {
  "use strict";

  var api = (window.annalsSearch = window.annalsSearch || {});
  var store = { meta: null, shards: new Map(), docs: new Map(), facets: null };
  api.meta = function (meta) { store.meta = meta; };
  api.shard = function (n, grams) { store.shards.set(n, grams); };
  /** A bundle: the records of reports first, first + 1, … */
  api.docs = function (first, docs) {
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


  // ---- The query language (mirror of reference.rs) --------------------------------------------

  /** Known names (folded) → the longer known names containing them, with the offsets. */
  var covering = new Map();
  var knownNames = new Set();

  function learnNames(names) {
    names.forEach(function (name) { knownNames.add(name); covering.set(name, []); });
    names.forEach(function (longer) {
      names.forEach(function (name) {
        if (name === longer || longer.length <= name.length) return;
        for (var at = longer.indexOf(name); at >= 0; at = longer.indexOf(name, at + 1)) {
          covering.get(name).push({ name: longer, offset: at });
        }
      });
    });
  }

  var QUOTES = { "\"": "\"", "\u201c": "\u201d", "\u300c": "\u300d", "\u300e": "\u300f" };

  /**
   * Cuts a query into pieces: runs between spaces, or quoted text ("…", “…”, 「…」). A piece
   * that starts with "-" excludes. Returns [{text, quoted, exclude}].
   */
  function pieces(query) {
    var out = [];
    var chars = Array.from(fold(query));
    for (var i = 0; i < chars.length;) {
      if (/\s/.test(chars[i])) { i++; continue; }
      var exclude = chars[i] === "-" && i + 1 < chars.length && !/\s/.test(chars[i + 1]);
      if (exclude) i++;
      var close = QUOTES[chars[i]];
      var text = "";
      if (close) {
        for (i++; i < chars.length && chars[i] !== close; i++) text += chars[i];
        i++;
      } else {
        for (; i < chars.length && !/\s/.test(chars[i]); i++) text += chars[i];
      }
      out.push({ text: text, quoted: !!close, exclude: exclude });
    }
    return out;
  }

  /** The CJK phrases and words of a folded text. */
  function tokens(text) {
    var out = [];
    var current = "";
    var kind = null;
    function flush() {
      if (current) out.push({ kind: kind, text: current, chars: Array.from(current) });
      current = "";
      kind = null;
    }
    for (var c of text) {
      var k = isCjk(c.codePointAt(0)) ? "phrase" : isWordChar(c) ? "word" : null;
      if (k !== kind) flush();
      if (k) { kind = k; current += c; }
    }
    flush();
    return out;
  }

  /** The officials and districts a run of typed pinyin spells in full (`chen jianguo`). */
  function spelledBy(key) {
    if (!store.meta || key.length < 2) return [];
    return store.meta.entities.filter(function (entity) {
      return entity.k !== "t" && entity.p.some(function (p, i) { return i % 2 === 0 && p === key; });
    });
  }

  /** A term matching any of the spellings of `entities`. */
  function nameTerm(entities, wide) {
    var alternatives = [];
    entities.forEach(function (entity) {
      [entity.n].concat(entity.a).forEach(function (name) {
        tokens(fold(name)).forEach(function (alt) {
          if (alt.kind === "phrase" && knownNames.has(alt.text) && !wide) alt.kind = "name";
          if (!alternatives.some(function (a) { return a.text === alt.text; })) alternatives.push(alt);
        });
      });
    });
    return alternatives;
  }

  /**
   * A query as terms: {include, exclude}, each a list of terms, a term a list of alternatives
   * ({kind: "phrase" | "word" | "name", text, chars}) of which a report must contain one. An
   * unquoted phrase equal to a known name is a "name" (matched whole) unless `wide`; a run of
   * words spelling an official or a district in pinyin stands for its names.
   */
  function parseQuery(query, wide) {
    var include = [];
    var exclude = [];
    var seen = new Set();
    var words = [];
    function add(list, term) {
      var key = term.map(function (a) { return a.kind + ":" + a.text; }).join("|");
      if (!seen.has(key)) { seen.add(key); list.push(term); }
    }
    function flushWords() {
      for (var start = 0; start < words.length;) {
        var end = words.length;
        var found = [];
        for (; end > start; end--) {
          found = spelledBy(words.slice(start, end).map(function (w) { return w.text; }).join(""));
          if (found.length) break;
        }
        if (found.length) {
          var term = nameTerm(found, wide);
          if (end - start === 1) term.push(words[start]);
          add(include, term);
          start = end;
        } else {
          add(include, [words[start]]);
          start++;
        }
      }
      words = [];
    }
    pieces(query).forEach(function (piece) {
      tokens(piece.text).forEach(function (token) {
        if (!piece.quoted && !wide && token.kind === "phrase" && knownNames.has(token.text)) {
          token.kind = "name";
        }
        if (piece.exclude) { add(exclude, [token]); return; }
        if (token.kind === "word" && !piece.quoted) { words.push(token); return; }
        flushWords();
        add(include, [token]);
      });
    });
    flushWords();
    return { include: include, exclude: exclude };
  }

  // ---- Answering a query (mirror of reference.rs) ---------------------------------------------

  function termKeys(alt) {
    if (alt.kind === "name") return ["=" + alt.text];
    if (alt.kind === "word" || alt.chars.length === 1) return [alt.text];
    var keys = [];
    for (var i = 0; i + 1 < alt.chars.length; i++) keys.push(alt.chars[i] + alt.chars[i + 1]);
    return keys;
  }

  /** For one alternative: [labels, body], each a Map id → true (certain) or false (check). */
  function altMatches(alt) {
    var keys = termKeys(alt);
    var slots = [1, 0];
    if (keys.length === 1) {
      var both = postings(keys[0]);
      return slots.map(function (slot) {
        var found = new Map();
        var ids = alt.chars.length === 2 && alt.kind === "phrase"
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

  /** For one term: Map id → [in labels, in body], each true, false (to check) or undefined. */
  function termMatches(term) {
    var merged = new Map();
    term.forEach(function (alt) {
      altMatches(alt).forEach(function (found, slot) {
        found.forEach(function (certain, id) {
          var entry = merged.get(id) || [undefined, undefined];
          entry[slot] = entry[slot] === true || certain;
          merged.set(id, entry);
        });
      });
    });
    return merged;
  }

  /** The shard files a parsed query needs. */
  function shardsOf(parsed) {
    var shards = new Set();
    parsed.include.concat(parsed.exclude).forEach(function (term) {
      term.forEach(function (alt) {
        termKeys(alt).forEach(function (key) { shards.add(shardOf(key)); });
      });
    });
    return Array.from(shards, function (s) { return "s/" + s + ".js"; });
  }

  /**
   * Every report that may match, in id order: {id, rank, certain}. `rank` is the number of terms
   * not found in the labels (title, officials, districts, tags); `certain` is false where the
   * text must still be checked (very common bigrams keep no positions). Without terms to
   * include, every report is a candidate.
   */
  function candidates(parsed) {
    var out = [];
    var include = parsed.include.map(termMatches);
    var exclude = parsed.exclude.map(termMatches);
    var ids = include.length ? Array.from(include[0].keys()).sort(function (a, b) { return a - b; })
      : null;
    var count = ids ? ids.length : store.meta.reports;
    report: for (var n = 0; n < count; n++) {
      var id = ids ? ids[n] : n;
      var inLabels = 0, certain = true;
      for (var found of include) {
        var slots = found.get(id);
        if (!slots) continue report;
        if (slots[0] === true) inLabels++;
        certain = certain && (slots[0] === true || slots[1] === true);
      }
      for (var unwanted of exclude) {
        var hit = unwanted.get(id);
        if (!hit) continue;
        if (hit[0] === true || hit[1] === true) continue report;
        certain = false;
      }
      out.push({ id: id, rank: include.length - inLabels, certain: certain });
    }
    return out;
  }

  /** Title, names, tags, aliases and the searched front matter values ([key, value] pairs). */
  function labelsOf(doc) {
    var fields = (doc.f || []).map(function (pair) { return pair[1]; });
    return [doc.t].concat(doc.o, doc.s, doc.g, doc.a, fields).join("\n");
  }

  /** Where `alt` occurs in folded `text`: [start, end) UTF-16 ranges. */
  function occurrences(text, alt) {
    var found = [];
    for (var from = 0; ;) {
      var at = text.indexOf(alt.text, from);
      if (at < 0) return found;
      var end = at + alt.text.length;
      var whole = alt.kind === "word"
        ? (at === 0 || !isWordChar(charBefore(text, at))) &&
          (end >= text.length || !isWordChar(charAt(text, end)))
        : alt.kind !== "name" || !covered(text, at, alt.text);
      if (whole) found.push([at, end]);
      from = at + 1;
    }
  }
  /** True when the known name at `at` lies inside a longer known name there. */
  function covered(text, at, name) {
    return (covering.get(name) || []).some(function (c) {
      return at >= c.offset && text.substr(at - c.offset, c.name.length) === c.name;
    });
  }
  function charAt(text, i) { return String.fromCodePoint(text.codePointAt(i)); }
  function charBefore(text, i) {
    var low = text.charCodeAt(i - 1);
    return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text.charAt(i - 1);
  }

  /** True when the report (its bundle loaded) holds every included term and no excluded one. */
  function reportMatches(doc, parsed) {
    var labels = fold(labelsOf(doc));
    var body = fold(doc.x);
    function holds(term) {
      return term.some(function (alt) {
        return occurrences(labels, alt).length > 0 || occurrences(body, alt).length > 0;
      });
    }
    return parsed.include.every(holds) && !parsed.exclude.some(holds);
  }

  api.engine = {
    store: store,
    load: load,
    bundleOf: bundleOf,
    fold: fold,
    isCjk: isCjk,
    decodeIds: decodeIds,
    parseQuery: parseQuery,
    shardsOf: shardsOf,
    candidates: candidates,
    reportMatches: reportMatches,
    occurrences: occurrences,
    isLoading: function (path) { return loading.has(path); },
    /** Reads the catalogue: folding table, bundles, known names. */
    ready: function () {
      var meta = store.meta;
      var pairs = Array.from(meta.fold);
      for (var i = 0; i + 1 < pairs.length; i += 2) foldTable.set(pairs[i], pairs[i + 1]);
      bundleStarts = decodeIds(meta.bundles);
      learnNames(meta.names || []);
    },
  };
  api.fold = fold;
  api.parseQuery = parseQuery;
})();
