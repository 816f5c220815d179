// ocispec site: "/" focuses the search box, as on GitHub; Escape leaves it.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var box = document.getElementById("search-page-box") || document.getElementById("search-box");
    if (!box) { return; }
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
      box.select();
    } else if (e.key === "Escape" && t === box) {
      box.blur();
    }
  });
})();
