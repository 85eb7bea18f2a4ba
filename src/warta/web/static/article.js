// Article page: light up a sentence when an event links to it; toggle entity highlights by type.
(function () {
  "use strict";
  function light(n) {
    document.querySelectorAll(".pc.lit").forEach(function (el) { el.classList.remove("lit"); });
    if (n === null || n === "") { return; }
    var pieces = document.querySelectorAll('.pc[data-s="' + String(parseInt(n, 10)) + '"]');
    pieces.forEach(function (el) { el.classList.add("lit"); });
    if (pieces.length) { pieces[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
  }
  function fromHash() {
    var m = /^#s(\d+)$/.exec(window.location.hash);
    light(m ? m[1] : null);
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", function () {
    fromHash();
    document.querySelectorAll(".legend input[data-type]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.body.classList.toggle("hide-" + box.dataset.type, !box.checked);
      });
    });
  });
})();
