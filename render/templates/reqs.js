// ocispec requirements index: filters the table by level, role, section,
// property and text. The initial filter may come from the query string or
// the fragment (requirements.html?level=MUST&role=registry).
(function () {
  "use strict";
  var form = document.getElementById("req-filters");
  var rows = document.querySelectorAll("#req-table tbody tr");
  var count = document.getElementById("req-count");
  var fields = ["level", "role", "section", "property"];

  function apply() {
    var want = {};
    fields.forEach(function (f) { want[f] = form.elements[f].value; });
    var q = form.elements.q.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = fields.every(function (f) { return !want[f] || r.getAttribute("data-" + f) === want[f]; });
      if (ok && q) { ok = r.textContent.toLowerCase().indexOf(q) >= 0; }
      r.hidden = !ok;
      if (ok) { shown++; }
    }
    count.textContent = shown === rows.length ? rows.length + " requirements" : shown + " of " + rows.length + " requirements";
  }

  var params = new URLSearchParams(window.location.search || window.location.hash.slice(1));
  fields.concat(["q"]).forEach(function (f) {
    var v = params.get(f);
    if (v !== null && form.elements[f]) { form.elements[f].value = v; }
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
})();
