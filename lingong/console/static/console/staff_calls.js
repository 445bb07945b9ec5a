/* Staff calls from the kiosks: poll the console's JSON every few seconds, refresh the alert at the
   top of the page, and sound a short two-note tone (Web Audio API, no file) for every new waiting call.
   No external requests. */
(function () {
  "use strict";
  var box = document.getElementById("staff-call-alert");
  if (!box || box.dataset.started) { return; }
  box.dataset.started = "1";
  var seconds = Math.max(2, parseInt(box.dataset.pollSeconds, 10) || 5);
  var SEEN = "lingong.staffCalls.seen";
  var audio = null;
  var body = box.querySelector(".staff-call-body");
  var announce = box.querySelector("[data-announce]");

  function seen() {
    try { return JSON.parse(window.sessionStorage.getItem(SEEN) || "[]"); } catch (e) { return []; }
  }
  function remember(ids) {
    try { window.sessionStorage.setItem(SEEN, JSON.stringify(ids.slice(-200))); } catch (e) { /* private mode */ }
  }

  function context() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) { audio = new Ctx(); }
    if (audio && audio.state === "suspended") { audio.resume().catch(function () {}); }
    return audio;
  }
  /* Browsers start sound only after a gesture: the first click or key on any console page unlocks it. */
  ["pointerdown", "keydown"].forEach(function (name) {
    document.addEventListener(name, context, {once: true, passive: true});
  });

  function note(ctx, frequency, start) {
    var osc = ctx.createOscillator();
    var gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.4);
  }

  function tone() {
    box.dataset.tones = String((parseInt(box.dataset.tones, 10) || 0) + 1);
    try {
      var ctx = context();
      if (!ctx) { return; }
      var now = ctx.currentTime + 0.05;
      note(ctx, 880, now);
      note(ctx, 660, now + 0.45);
    } catch (e) { /* no sound device */ }
  }

  function update(waiting) {
    var known = seen();
    var fresh = waiting.filter(function (id) { return known.indexOf(id) < 0; });
    box.dataset.waiting = waiting.join(",");
    if (fresh.length) {
      remember(known.concat(fresh));
      tone();
      /* Said once per new call by screen readers (the list itself refreshes quietly). */
      if (announce) { announce.textContent = ""; announce.textContent = announce.getAttribute("data-announce"); }
    }
  }

  function poll() {
    var url = box.dataset.pollUrl + "?next=" + encodeURIComponent(box.dataset.next || window.location.pathname);
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        /* Sent elsewhere: the session ended (idle, or signed out everywhere). Load the page again, so an
           unattended console shows the sign-in form instead of the people on it. */
        if (response.redirected) { window.location.reload(); return null; }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) { return; }
        /* Keep the alert as it is while someone is pressing one of its buttons. */
        if (!body.contains(document.activeElement)) { body.innerHTML = data.html; }
        update(data.waiting || []);
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ });
  }

  var first = (box.dataset.waiting || "").split(",").filter(Boolean).map(Number);
  update(first);
  window.setInterval(poll, seconds * 1000);
})();
