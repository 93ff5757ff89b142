/*
 * annals search: the query language and matching, on the index search.js reads.
 *
 * Mirror of src/search/query.rs (parsing: quotes keep a phrase literal, "-" excludes, a known
 * name is matched whole, full pinyin stands for the names it spells) and of
 * src/search/reference.rs (answering: bigrams lined up by position, whole-name grams "=name",
 * candidates, the text check); change them together. docs/search.md describes the language.
 */
(function () {
  "use strict";

  var api = window.annalsSearch;
  var engine = api && api.engine;
  if (!engine) return;
  var store = engine.store;
  var fold = engine.fold;
  var isCjk = engine.isCjk;
  var isWordChar = engine.isWordChar;
  var decodeIds = engine.decodeIds;
  var decodePositional = engine.decodePositional;
  var postings = engine.postings;
  var shardOf = engine.shardOf;

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

  var readIndex = engine.ready;
  engine.ready = function () {
    readIndex();
    learnNames(store.meta.names || []);
  };
  engine.parseQuery = parseQuery;
  engine.shardsOf = shardsOf;
  engine.candidates = candidates;
  engine.reportMatches = reportMatches;
  engine.occurrences = occurrences;
  api.parseQuery = parseQuery;
})();
