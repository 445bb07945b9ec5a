/* Kiosk behaviour: read aloud, number pad, card reader bridge, QR polling, idle logout.
   No external requests: everything is served by the app. */
(function () {
  "use strict";
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  var body = document.body;

  function beep() {
    try {
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      var osc = ctx.createOscillator();
      osc.frequency.value = 880; osc.connect(ctx.destination); osc.start();
      setTimeout(function () { osc.stop(); ctx.close(); }, 300);
    } catch (e) { /* no sound device */ }
  }

  /* A recording that cannot play says so on its button (staff have not recorded it yet), never a beep. */
  function noAudio(button) {
    var note = document.getElementById("k-no-audio-template");
    if (!note || !button) { return; }
    button.replaceWith(note.content.firstElementChild.cloneNode(true));
  }

  var playing = null;
  function play(speaker) {
    if (playing) { playing.pause(); }
    var audio = new Audio(speaker.getAttribute("data-audio"));
    playing = audio;
    speaker.setAttribute("data-played", "loading");
    audio.addEventListener("playing", function () { speaker.setAttribute("data-played", "playing"); });
    audio.addEventListener("error", function () { noAudio(speaker); });
    audio.addEventListener("ended", function () {
      speaker.setAttribute("data-played", "ended");
      var heard = speaker.getAttribute("data-heard-url");
      if (!heard) { return; }
      /* The personal-information notice: the server records "read aloud" only for the notice it served
         to this session, and only once it could have played to its end. */
      fetch(heard, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrf, "Accept": "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var note = document.querySelector("[data-heard-note]");
          if (data.heard && note) { note.hidden = false; }
        }).catch(function () {});
    });
    audio.play().catch(function (error) {
      if (error && error.name === "NotAllowedError") { speaker.setAttribute("data-played", "blocked"); }
    });
  }

  document.addEventListener("click", function (event) {
    var speaker = event.target.closest("[data-audio]");
    if (speaker) { play(speaker); }
  });

  /* An article read aloud by the browser's own voice, where it has one for the language (a recording,
     when staff made one, is a [data-audio] button above). No voice: the button stays hidden. */
  var readers = document.querySelectorAll("[data-speak-lang]");
  if (readers.length && window.speechSynthesis) {
    var voiceFor = function (lang) {
      return window.speechSynthesis.getVoices().filter(function (v) {
        return (v.lang || "").toLowerCase().replace("_", "-").indexOf(lang) === 0;
      })[0];
    };
    var showReaders = function () {
      readers.forEach(function (button) { button.hidden = !voiceFor(button.getAttribute("data-speak-lang")); });
    };
    showReaders();
    window.speechSynthesis.addEventListener("voiceschanged", showReaders);
    readers.forEach(function (button) {
      button.addEventListener("click", function () {
        var synth = window.speechSynthesis;
        if (synth.speaking) { synth.cancel(); return; }
        var source = document.querySelector(button.getAttribute("data-speak-from"));
        var utterance = new SpeechSynthesisUtterance(source ? source.innerText : "");
        var voice = voiceFor(button.getAttribute("data-speak-lang"));
        if (voice) { utterance.voice = voice; utterance.lang = voice.lang; }
        synth.speak(utterance);
      });
    });
  }

  /* Forms that must not be sent twice by a double tap. */
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });

  /* On-screen number pad. */
  document.querySelectorAll("[data-pad]").forEach(function (form) {
    var display = form.querySelector(".k-pad-display");
    var max = parseInt(display.getAttribute("maxlength"), 10) || 11;
    form.querySelectorAll("[data-key]").forEach(function (key) {
      key.addEventListener("click", function () {
        var k = key.getAttribute("data-key");
        if (k === "back") { display.value = display.value.slice(0, -1); }
        else if (display.value.length < max) { display.value += k; }
      });
    });
  });

  /* Start screen: the card reader agent hands its signed JSON to kioskCardRead();
     a keyboard-wedge reader types into the focused hidden input and presses Enter. */
  var wedge = document.querySelector(".k-wedge");
  var cardError = document.getElementById("k-card-error");
  window.kioskCardRead = function (message) {
    return fetch(wedge.getAttribute("data-card-url"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
      body: typeof message === "string" ? message : JSON.stringify(message)
    }).then(function (response) { return response.json(); }).then(function (data) {
      if (data.redirect) { window.location.assign(data.redirect); }
      else if (cardError) { cardError.textContent = data.message; cardError.hidden = false; beep(); }
      return data;
    });
  };
  if (wedge) {
    var input = wedge.querySelector("input[name=value]");
    var keepFocus = function () { if (document.activeElement !== input) { input.focus({preventScroll: true}); } };
    keepFocus();
    document.addEventListener("click", function (e) { if (!e.target.closest("button, a, form.k-lang")) { keepFocus(); } });
  }

  /* QR sign-in: ask 2 s after each answer whether the phone confirmed, one question at a time and none after
     the sign-in. Asked on a fixed beat, a slow answer overlapped the next question: the first signed the person
     in, the second found the code used ("expired") and reloaded the start screen over the sign-in. */
  var qr = document.querySelector("[data-poll-url]");
  if (qr) {
    var askAgain = function () { setTimeout(askQr, 2000); };
    var askQr = function () {
      fetch(qr.getAttribute("data-poll-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.status === "confirmed" && data.redirect) { window.location.assign(data.redirect); }
          else if (data.status === "expired") { window.location.reload(); }
          else { askAgain(); }
        }).catch(askAgain);
    };
    askAgain();
  }

  /* Idle: warn with a beep, then finish (logout, clear session and language). */
  var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var warn = parseInt(body.getAttribute("data-warn-seconds") || "15", 10);
  if (idle > 0) {
    var dialog = document.getElementById("k-idle");
    var idleTimer, finishTimer;
    var finish = function () {
      var form = document.createElement("form");
      form.method = "post"; form.action = body.getAttribute("data-finish-url");
      var token = document.createElement("input");
      token.type = "hidden"; token.name = "csrfmiddlewaretoken"; token.value = csrf;
      form.appendChild(token); document.body.appendChild(form); form.submit();
    };
    var reset = function () {
      clearTimeout(idleTimer); clearTimeout(finishTimer);
      if (dialog) { dialog.hidden = true; }
      idle = parseInt(body.getAttribute("data-idle-seconds"), 10) || idle;
      warn = parseInt(body.getAttribute("data-warn-seconds"), 10) || warn;
      idleTimer = setTimeout(function () {
        if (dialog) { dialog.hidden = false; }
        beep();
        finishTimer = setTimeout(finish, warn * 1000);
      }, idle * 1000);
    };
    ["pointerdown", "keydown", "touchstart"].forEach(function (name) { document.addEventListener(name, reset, {passive: true}); });
    reset();
  }
})();
