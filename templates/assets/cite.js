// "Cite this claim": adds a copy button; without JavaScript the citation stays selectable text.
(function () {
  "use strict";
  function copy(text, field) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    field.focus();
    field.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function setup() {
    var field = document.querySelector(".cite__text");
    if (!field || field.dataset.copyReady) { return; }
    field.dataset.copyReady = "yes";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite__copy";
    var words = field.dataset;
    button.textContent = words.copy || "Copy citation";
    var status = document.createElement("span");
    status.className = "cite__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copy(field.value, field).then(function () { status.textContent = words.copied || "Copied."; },
        function () {
          field.select();
          status.textContent = words.copyHelp || "Press Ctrl+C (or \u2318C) to copy the selected text.";
        });
    });
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
  }
  if (typeof document$ !== "undefined") { document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
