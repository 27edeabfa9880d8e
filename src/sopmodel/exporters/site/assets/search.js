/* sopmodel handbook search: runs offline over window.SOPMODEL_SEARCH (assets/search-index.js).
   Words are compared case- and accent-folded; each word of the query must start a word of the
   entry (prefix match). Each result shows an excerpt of its text around the first word that
   matched, the matched part of each word in <mark>. Results are built with DOM methods: no
   text is ever parsed as HTML. The text functions (fold, words, excerpt) are also
   window.SopmodelSearchText, which tests/test_site_search.py runs in Node.js. */
(function (root) {
  "use strict";

  /* Folding, one character at a time, so that every folded letter knows the characters of
     the original text it comes from: a highlight found in folded words maps back to the text
     as written ("securite" marks "sécurité", "oeuvre" marks "œuvre", "strasse" "Straße"). A
     character folds to its compatibility decomposition, lowercased, without combining marks,
     with these letters spelled out; what is not a letter, digit or "_" separates words;
     combining marks and format characters (soft hyphen) are left out without separating. */
  var SPELLED = {
    "ß": "ss", "ẞ": "ss", "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h", "ı": "i", "ς": "σ"
  };
  var IGNORED = /^[\p{M}\p{Cf}]+$/u;
  var NOT_WORD = /[^\p{L}\p{N}_]/gu;
  var folded = Object.create(null);
  var BREAK = " ";

  function spell(text) {
    return text.replace(/[ßẞœŒæÆøØłŁđĐħĦıς]/g, function (c) { return SPELLED[c]; });
  }

  /* Return what one character (a code point) folds to: letters, "" (left out), or BREAK. */
  function foldChar(ch) {
    var found = folded[ch];
    if (found === undefined) {
      if (IGNORED.test(ch)) {
        found = "";
      } else {
        var before;
        found = ch;
        do {  // till nothing changes: a decomposition may hold capitals ("ᴬ" is "A")
          before = found;
          found = spell(found).normalize("NFKD").toLowerCase();
        } while (found !== before);
        found = found.replace(NOT_WORD, "") || BREAK;
      }
      folded[ch] = found;
    }
    return found;
  }

  var ASCII_ONLY = /^[\x00-\x7f]*$/;
  var ASCII = [];
  for (var code = 0; code < 128; code++) {
    var ch = String.fromCharCode(code);
    ASCII.push(/[A-Za-z0-9_]/.test(ch) ? ch.toLowerCase() : BREAK);
  }

  /* Fold a text: return its words, folded, one space apart. When `spans` is an array, push
     each word's place in the text onto it: {w: the folded word, start: where its first
     character starts, ends: for each folded letter, where the characters it comes from end
     (marks and format characters that follow it included)}. Offsets count UTF-16 units. */
  function scan(text, spans) {
    if (!spans && ASCII_ONLY.test(text)) {  // the same words, faster
      return text.toLowerCase().replace(/[^a-z0-9_]+/g, " ").trim();
    }
    var out = "";
    var span = null;
    var inWord = false;
    for (var i = 0; i < text.length;) {
      var unit = text.charCodeAt(i);
      var size = unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length &&
        (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      var part = unit < 128 ? ASCII[unit] : foldChar(text.slice(i, i + size));
      i += size;
      if (part === BREAK) {
        inWord = false;
        span = null;
      } else if (part === "") {
        if (span) {  // a mark after a letter belongs with the letters of its character
          for (var j = span.ends.length - 1, was = span.ends[j]; j >= 0 && span.ends[j] === was; j--) {
            span.ends[j] = i;
          }
        }
      } else {
        if (!inWord && out) { out += " "; }
        out += part;
        inWord = true;
        if (spans) {
          if (!span) {
            span = { w: "", start: i - size, ends: [] };
            spans.push(span);
          }
          span.w += part;
          for (var k = 0; k < part.length; k++) { span.ends.push(i); }
        }
      }
    }
    return out;
  }

  /* Return the folded words of a text (what a query is made of). */
  function fold(text) {
    var words = scan(text);
    return words ? words.split(" ") : [];
  }

  /* Return the words of a text with their places (see scan). */
  function words(text) {
    var spans = [];
    scan(text, spans);
    return spans;
  }

  /* Return the place of the part of a word a query matches: [start, end) in the text, or
     null. The longest query word that starts the folded word wins. */
  function matched(span, query) {
    var best = 0;
    query.forEach(function (q) {
      if (q.length > best && span.w.lastIndexOf(q, 0) === 0) { best = q.length; }
    });
    return best ? [span.start, span.ends[best - 1]] : null;
  }

  /* Return where a cut at `at` moves to, going `step` (-1 or 1) to the nearest space, so that
     an excerpt starts and ends between whole words as written ("side-extraction",
     "l’entreprise"); `at` itself when no space is near. */
  function widen(text, at, step) {
    for (var i = at, k = 0; k < 30; k++, i += step) {
      if (i <= 0 || i >= text.length) { return Math.max(0, Math.min(i, text.length)); }
      if (/\s/.test(text.charAt(step < 0 ? i - 1 : i))) { return i; }
    }
    return at;
  }

  /* Return the excerpt of a text to show for a query: about `size` words around the first
     word the query matches (from the text's start when none does): {start, end} in the text,
     `cut` before and after (true where text was left out), `marks`, the [start, end) of each
     matched part inside it, and whether the query `found` a word of the text. */
  function excerpt(text, query, size) {
    var spans = words(text);
    var first = -1;
    for (var i = 0; i < spans.length && first < 0; i++) {
      if (matched(spans[i], query)) { first = i; }
    }
    var from = Math.max(0, first - Math.floor(size / 3));
    var to = Math.min(spans.length, from + size);
    from = Math.max(0, to - size);
    var last = to > 0 ? spans[to - 1].ends : [];
    var start = from > 0 ? widen(text, spans[from].start, -1) : 0;
    var end = to < spans.length ? widen(text, last[last.length - 1], 1) : text.length;
    var marks = [];
    spans.forEach(function (span) {
      var place = matched(span, query);
      if (place && place[0] >= start && place[1] <= end) { marks.push(place); }
    });
    return { start: start, end: end, cut: [start > 0, end < text.length], marks: marks,
      found: first >= 0 };
  }

  root.SopmodelSearchText = { fold: fold, words: words, excerpt: excerpt };

  var doc = root.document;
  var input = doc && doc.getElementById("search-q");
  var list = doc && doc.getElementById("search-results");
  var status = doc && doc.getElementById("search-status");
  if (!input || !list || !status) { return; }

  var EXCERPT_WORDS = 24;
  var LIMIT = 100;

  /* The documents and their steps, one item each, in the index's order. */
  var items = [];
  (root.SOPMODEL_SEARCH || []).forEach(function (entry) {
    items.push({
      u: entry.u, t: entry.t, d: entry.d, k: entry.k, l: entry.l, s: entry.s, more: entry.d
    });
    (entry.p || []).forEach(function (step) {
      items.push({
        u: entry.u + "#" + step[0], n: step[1], t: step[2], d: entry.t, k: "step", l: entry.l,
        s: step[3], more: step[4]
      });
    });
  });
  var haystacks = null;

  /* Return each item's folded words (title, text, a step's roles, a document's id), a space
     before each, made at the first search. */
  function folds() {
    if (!haystacks) {
      haystacks = items.map(function (item) {
        return " " + scan(item.t + "\n" + item.s + "\n" + item.more);
      });
    }
    return haystacks;
  }

  function matches(haystack, query) {
    return query.every(function (q) { return haystack.indexOf(" " + q) >= 0; });
  }

  /* Append a piece of a text to an element, its matched parts in <mark>. Lines of the
     stored text are shown one after the other, " · " between them. */
  function appendMarked(element, text, cut) {
    var at = cut.start;
    function add(to) {
      if (to > at) {
        element.appendChild(doc.createTextNode(text.slice(at, to).replace(/\n/g, " · ")));
      }
    }
    cut.marks.forEach(function (place) {
      add(place[0]);
      var mark = doc.createElement("mark");
      mark.textContent = text.slice(place[0], place[1]).replace(/\n/g, " · ");
      element.appendChild(mark);
      at = place[1];
    });
    add(cut.end);
  }

  function result(item, query) {
    var li = doc.createElement("li");
    li.className = "result result-" + item.k;
    var a = doc.createElement("a");
    a.href = item.u;
    a.lang = item.l;
    if (item.n) { a.appendChild(doc.createTextNode(item.n + ". ")); }
    appendMarked(a, item.t, excerpt(item.t, query, Infinity));
    li.appendChild(a);
    var where = doc.createElement("span");
    where.className = "result-where";
    where.textContent = item.d;
    li.appendChild(where);
    if (item.s) {
      var cut = excerpt(item.s, query, EXCERPT_WORDS);
      var p = doc.createElement("p");
      p.className = "result-excerpt";
      p.lang = item.l;
      if (cut.cut[0]) { p.appendChild(doc.createTextNode("… ")); }
      appendMarked(p, item.s, cut);
      if (cut.cut[1]) { p.appendChild(doc.createTextNode(" …")); }
      li.appendChild(p);
    }
    return li;
  }

  function show(text) {
    var query = fold(text);
    list.textContent = "";
    if (!query.length) { status.textContent = ""; return; }
    var all = folds();
    var found = [];
    for (var i = 0; i < items.length && found.length <= LIMIT; i++) {
      if (matches(all[i], query)) { found.push(items[i]); }
    }
    var more = found.length > LIMIT;
    found.slice(0, LIMIT).forEach(function (item) { list.appendChild(result(item, query)); });
    var said = more ? status.dataset.first : found.length === 1 ? status.dataset.one
      : found.length ? status.dataset.count : status.dataset.none;
    status.textContent = said.replace("{count}", String(Math.min(found.length, LIMIT)));
  }

  var timer = null;
  input.addEventListener("focus", folds, { once: true });  // while the reader starts typing
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 60);
  });
  var given = new URLSearchParams(root.location.search).get("q");
  if (given) { input.value = given; show(given); }
  var top = doc.getElementById("site-q");
  if (top && given) { top.value = given; }
})(window);
