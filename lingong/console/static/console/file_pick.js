/* A photo field whose button speaks the page's language: the chosen file's name beside it. */
(function () {
  "use strict";
  document.querySelectorAll("input.file-native").forEach(function (input) {
    var shown = document.querySelector("output[for='" + input.id + "']");
    if (!shown) { return; }
    var none = shown.textContent;
    input.addEventListener("change", function () {
      shown.textContent = input.files && input.files.length ? input.files[0].name : none;
    });
  });
})();
