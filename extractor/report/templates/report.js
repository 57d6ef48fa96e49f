// Views by address (#overview, #compare, #doc-…), item ↔ evidence highlighting, document picker.
(function () {
  "use strict";
  var views = Array.prototype.slice.call(document.querySelectorAll("section.view"));
  var navLinks = Array.prototype.slice.call(document.querySelectorAll("nav a"));

  function show(id) {
    var target = document.getElementById(id) || document.getElementById("overview");
    views.forEach(function (view) { view.hidden = view !== target; });
    var group = target.classList.contains("doc") ? "documents" : target.id;
    navLinks.forEach(function (a) { a.classList.toggle("current", a.dataset.view === group); });
    window.scrollTo(0, 0);
  }

  function clearSelection(doc) {
    doc.querySelectorAll(".seg.active").forEach(function (seg) { seg.classList.remove("active"); });
    doc.querySelectorAll(".item.selected").forEach(function (item) { item.classList.remove("selected"); });
  }

  function select(item) {
    var doc = item.closest("section.doc");
    var key = item.dataset.item;
    clearSelection(doc);
    item.classList.add("selected");
    var segments = doc.querySelectorAll('.text .seg[data-items~="' + key + '"]');
    segments.forEach(function (seg) { seg.classList.add("active"); });
    if (segments.length) { segments[0].scrollIntoView({ block: "center" }); }
  }

  document.addEventListener("click", function (event) {
    var item = event.target.closest(".item[data-item]");
    if (item) { select(item); }
  });
  document.addEventListener("keydown", function (event) {
    var item = event.target.closest && event.target.closest(".item[data-item]");
    if (item && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); select(item); }
  });

  document.querySelectorAll("input.pick").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('#side-by-side [data-doc="' + box.value + '"]').forEach(function (cell) {
        cell.classList.toggle("hidden-doc", !box.checked);
      });
    });
  });

  window.addEventListener("hashchange", function () { show(location.hash.slice(1)); });
  show(location.hash.slice(1) || "overview");
})();
