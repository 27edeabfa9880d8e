/* sopmodel handbook search: runs offline over window.SOPMODEL_SEARCH (assets/search-index.js).
   Words are compared case- and accent-folded; each word of the query must start a word of the
   entry (prefix match). Results are built with DOM methods: no text is ever parsed as HTML. */
(function () {
  "use strict";
  var data = window.SOPMODEL_SEARCH || [];
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) { return; }
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .match(/[\p{L}\p{N}_]+/gu) || [];
  }
  var words = data.map(function (item) { return item.x.split(" "); });
  function matches(index, query) {
    var own = words[index];
    return query.every(function (q) {
      for (var i = 0; i < own.length; i++) { if (own[i].lastIndexOf(q, 0) === 0) { return true; } }
      return false;
    });
  }
  function show(text) {
    var query = fold(text);
    list.textContent = "";
    if (!query.length) { status.textContent = ""; return; }
    var found = [];
    for (var i = 0; i < data.length && found.length < 100; i++) {
      if (matches(i, query)) { found.push(data[i]); }
    }
    found.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "result result-" + item.k;
      var a = document.createElement("a");
      a.href = item.u;
      a.textContent = item.t;
      a.lang = item.l;
      li.appendChild(a);
      var where = document.createElement("span");
      where.className = "result-where";
      where.textContent = item.d;
      li.appendChild(where);
      list.appendChild(li);
    });
    status.textContent = found.length ? status.dataset.count.replace("{count}", String(found.length))
      : status.dataset.none;
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 60);
  });
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) { input.value = given; show(given); }
  var top = document.getElementById("site-q");
  if (top && given) { top.value = given; }
})();
