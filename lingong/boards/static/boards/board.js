/* A station screen, unattended for days: one EventSource says when something changed, then the body is
   fetched again. EventSource reconnects by itself after a drop or a server restart (the server's `retry`);
   on reconnect the first `version` event tells whether something changed meanwhile. If the stream stays
   closed, the page reloads itself; it also reloads every six hours so that new code and a fresh page keep
   its memory flat. No external requests. */
(function () {
  "use strict";
  var root = document.querySelector("[data-board]");
  if (!root || !window.EventSource) { return; }
  var shown = null;
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    // The token the stream told: a server that has not seen it yet reads it again (lingong/boards/views.py).
    fetch(root.dataset.body + "&v=" + encodeURIComponent(shown || ""), {cache: "no-store", credentials: "omit"})
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
      .then(function (html) {
        root.innerHTML = html;
        root.dataset.refreshed = String((parseInt(root.dataset.refreshed, 10) || 0) + 1);
      })
      .catch(function () { /* the next change, or the reconnect's version, tries again */ shown = ""; })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  // null: the page as it came; "": a fetch failed, so whatever token comes next is news.
  function seen(version) {
    var moved = shown !== null && version !== shown;
    shown = version;
    if (moved) { refresh(); }
  }

  var source = new EventSource(root.dataset.events);
  source.addEventListener("version", function (e) { seen(e.data); root.dataset.live = "1"; });
  source.addEventListener("change", function (e) { seen(e.data); });
  source.addEventListener("error", function () {
    root.dataset.live = "0";
    if (source.readyState === EventSource.CLOSED) {
      window.setTimeout(function () { window.location.reload(); }, 15000);
    }
  });
  window.setTimeout(function () { window.location.reload(); }, 6 * 3600 * 1000);
})();
