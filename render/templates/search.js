// ocispec search: matches the query's words against the prebuilt index
// (search-index.js) of documents, sections, requirements and meetings.
// Runs from file:// as well as from a server; no network.
(function () {
  "use strict";
  var index = window.ocispecSearchIndex || [];
  var box = document.getElementById("search-page-box");
  var list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  var root = (document.querySelector("link[rel=stylesheet]").getAttribute("href") || "").replace(/style\.css$/, "");
  var kindRank = { requirement: 0, section: 1, document: 2, meeting: 3 };

  function score(e, q, words) {
    var t = e.t.toLowerCase();
    var x = (e.x || "").toLowerCase();
    var c = (e.c || "").toLowerCase();
    if (t === q) { return 1000; }
    var s = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (t.indexOf(w) === 0) { s += 30; } else if (t.indexOf(w) >= 0) { s += 20; } else if (x.indexOf(w) >= 0) { s += 6; } else if (c.indexOf(w) >= 0) { s += 2; } else { return 0; }
    }
    return s + (e.k === "section" || e.k === "document" ? 3 : 0);
  }

  // withCode appends text to el with `code` spans as <code> elements.
  function withCode(el, text) {
    var parts = text.split("`");
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1 && i < parts.length - 1) {
        var c = document.createElement("code");
        c.textContent = parts[i];
        el.appendChild(c);
      } else {
        el.appendChild(document.createTextNode((i % 2 === 1 ? "`" : "") + parts[i]));
      }
    }
  }

  function item(e) {
    var li = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = e.k;
    var a = document.createElement("a");
    a.className = "title";
    a.href = root + e.u;
    withCode(a, e.t);
    li.appendChild(kind);
    li.appendChild(a);
    if (e.c) {
      var c = document.createElement("div");
      c.className = "meta";
      c.textContent = e.c;
      li.appendChild(c);
    }
    if (e.x) {
      var p = document.createElement("p");
      withCode(p, e.x.length > 240 ? e.x.slice(0, 240) + " …" : e.x);
      li.appendChild(p);
    }
    return li;
  }

  function run() {
    var q = box.value.trim().toLowerCase();
    list.textContent = "";
    if (!q) { count.textContent = index.length + " entries indexed."; return; }
    var words = q.split(/\s+/);
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], q, words);
      if (s > 0) { hits.push({ s: s, e: index[i] }); }
    }
    hits.sort(function (a, b) { return b.s - a.s || kindRank[a.e.k] - kindRank[b.e.k]; });
    count.textContent = hits.length === 1 ? "1 result" : hits.length + " results";
    var frag = document.createDocumentFragment();
    for (var j = 0; j < hits.length && j < 100; j++) { frag.appendChild(item(hits[j].e)); }
    list.appendChild(frag);
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { box.value = params.get("q"); }
  box.addEventListener("input", run);
  run();
})();
