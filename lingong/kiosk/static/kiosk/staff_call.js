/* The staff-call screen asks every 3 s whether someone took the call, and shows it (or the window's phone). */
(function () {
  "use strict";
  var box = document.getElementById("k-staff-call");
  if (!box) { return; }
  function poll() {
    fetch(box.getAttribute("data-status-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || data.state === box.getAttribute("data-state")) { return; }
        box.setAttribute("data-state", data.state);
        box.innerHTML = data.html;
      }).catch(function () {});
  }
  window.setInterval(poll, 3000);
})();
