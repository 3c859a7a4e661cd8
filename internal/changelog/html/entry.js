
(function () {
  var nav = document.getElementById("filters");
  if (!nav) { return; }
  var buttons = nav.querySelectorAll("button");
  function show(kind) {
    if (kind === "all") { delete document.body.dataset.filter; } else { document.body.dataset.filter = kind; }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].dataset.filter === kind));
    }
  }
  nav.addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (b && !b.disabled) { show(b.dataset.filter); }
  });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (!t) { return; }
    var d = t.closest("details");
    if (d) { d.open = true; }
    if (t.getClientRects().length === 0) { show("all"); }
    t.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) { reveal(); }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var ds = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < ds.length; i++) { ds[i].open = true; opened.push(ds[i]); }
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < opened.length; i++) { opened[i].open = false; }
    opened = [];
  });
  nav.hidden = false;
})();
