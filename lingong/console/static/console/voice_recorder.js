/* The recording studio: the microphone through Web Audio, encoded here as a 16 kHz mono 16-bit PCM WAV,
   so the server stores plain PCM and needs no converter. Listen before sending; nothing is sent by itself. */
(function () {
  "use strict";
  var box = document.querySelector("[data-recorder]");
  if (!box) { return; }
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var recordButton = box.querySelector("[data-record]");
  var stopButton = box.querySelector("[data-stop]");
  var sendButton = box.querySelector("[data-send]");
  var listenButton = box.querySelector("[data-preview]");
  var status = box.querySelector("[data-recorder-status]");
  var RATE = 16000;
  var ctx, stream, source, processor, chunks, inputRate, wav;

  function say(key) { status.textContent = status.getAttribute("data-text-" + key) || key; }

  function downsample(samples, from) {
    if (from === RATE) { return samples; }
    var ratio = from / RATE, length = Math.floor(samples.length / ratio), out = new Float32Array(length);
    for (var i = 0; i < length; i++) {
      var start = Math.floor(i * ratio), end = Math.min(samples.length, Math.floor((i + 1) * ratio)), sum = 0;
      for (var j = start; j < end; j++) { sum += samples[j]; }
      out[i] = end > start ? sum / (end - start) : 0;
    }
    return out;
  }

  function encodeWav(samples) {
    var buffer = new ArrayBuffer(44 + samples.length * 2), view = new DataView(buffer);
    function text(offset, s) { for (var i = 0; i < s.length; i++) { view.setUint8(offset + i, s.charCodeAt(i)); } }
    text(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE");
    text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, RATE, true); view.setUint32(28, RATE * 2, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
    text(36, "data"); view.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      var s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([view], {type: "audio/wav"});
  }

  recordButton.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { say("no-microphone"); return; }
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (s) {
      stream = s; chunks = [];
      ctx = new (window.AudioContext || window.webkitAudioContext)();
      inputRate = ctx.sampleRate;
      source = ctx.createMediaStreamSource(stream);
      processor = ctx.createScriptProcessor(4096, 1, 1);
      processor.onaudioprocess = function (e) { chunks.push(new Float32Array(e.inputBuffer.getChannelData(0))); };
      source.connect(processor); processor.connect(ctx.destination);
      recordButton.hidden = true; stopButton.hidden = false; sendButton.hidden = true; listenButton.hidden = true;
      say("recording");
    }).catch(function () { say("no-microphone"); });
  });

  stopButton.addEventListener("click", function () {
    processor.disconnect(); source.disconnect();
    stream.getTracks().forEach(function (t) { t.stop(); });
    var length = chunks.reduce(function (n, c) { return n + c.length; }, 0), all = new Float32Array(length), at = 0;
    chunks.forEach(function (c) { all.set(c, at); at += c.length; });
    var samples = downsample(all, inputRate);
    wav = encodeWav(samples);
    box.dataset.recordedSeconds = (samples.length / RATE).toFixed(2);
    ctx.close();
    recordButton.hidden = false; stopButton.hidden = true; sendButton.hidden = false; listenButton.hidden = false;
    say("ready");
  });

  /* Played through Web Audio (the page's media policy allows our own URLs only, not blob: ones). */
  listenButton.addEventListener("click", function () {
    if (!wav) { return; }
    var player = new (window.AudioContext || window.webkitAudioContext)();
    wav.arrayBuffer().then(function (bytes) { return player.decodeAudioData(bytes); }).then(function (decoded) {
      var node = player.createBufferSource();
      node.buffer = decoded; node.connect(player.destination);
      node.onended = function () { player.close(); };
      node.start();
    });
  });

  sendButton.addEventListener("click", function () {
    if (!wav) { return; }
    var form = new FormData();
    form.append("audio", wav, "recording.wav");
    say("sending"); sendButton.disabled = true;
    fetch(box.getAttribute("data-upload-url"), {
      method: "POST", credentials: "same-origin", body: form,
      headers: {"X-CSRFToken": csrf, "Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) { window.location.reload(); return; }
        status.textContent = data.message; sendButton.disabled = false;
      });
    }).catch(function () { sendButton.disabled = false; });
  });
})();
