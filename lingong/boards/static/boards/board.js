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
    fetch(root.dataset.body, {cache: "no-store", credentials: "omit"})
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
      .then(function (html) {
        root.innerHTML = html;
        root.dataset.refreshed = String((parseInt(root.dataset.refreshed, 10) || 0) + 1);
      })
      .catch(function () { /* the next change, or the reconnect's version, tries again */ shown = null; })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  function seen(version) {
    if (shown !== null && version !== shown) { refresh(); }
    shown = version;
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
