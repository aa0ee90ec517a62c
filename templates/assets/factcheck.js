// Claims index filter: narrows the server-rendered list; the list works without it.
(function () {
  "use strict";
  function setup() {
    var form = document.getElementById("claim-filter");
    var list = document.getElementById("claim-list");
    if (!form || !list) { return; }
    var items = Array.prototype.slice.call(list.querySelectorAll(".claim-item"));
    function matches(item, field, value) {
      if (!value) { return true; }
      if (field === "status") { return item.dataset.status === value; }
      return (item.dataset[field] || "").split(" ").indexOf(value) !== -1;
    }
    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var ok = ["status", "actors", "deadlines"].every(function (field) {
          return matches(item, field, form.elements[field].value);
        });
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var words = form.dataset.shown || "{shown} of {total} claims shown";
      form.elements.shown.value = words.replace("{shown}", shown).replace("{total}", items.length);
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }
  if (typeof document$ !== "undefined") { document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
// The theme's search box is a dialog without a name; it takes the name of its search field, in the page's language.
(function () {
  "use strict";
  function name() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var field = document.querySelector(".md-search__input[aria-label]");
    if (dialog && field && !dialog.hasAttribute("aria-label")) { dialog.setAttribute("aria-label", field.getAttribute("aria-label")); }
  }
  if (typeof document$ !== "undefined") { document$.subscribe(name); } else { document.addEventListener("DOMContentLoaded", name); }
})();

// Arabic search: fold the reader's query as the build folded the index (site_builder/searchfold.py), so that
// diacritics, tatweel, hamza forms and alef variants do not matter. The theme's search worker receives queries
// as {type: 2, data: text} (its SearchMessageType.QUERY); folding them here leaves the text in the box untouched.
(function () {
  "use strict";
  var FOLD = { "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a",
               "\u0624": "\u0648", "\u0626": "\u064a", "\u0629": "\u0647" };
  function fold(text) {
    return text
      .replace(/[\u064b-\u065f\u0670\u0640\u200b-\u200f\u061c\u2066-\u2069\u202a-\u202e\ufeff]/g, "")
      .replace(/[\u0623\u0625\u0622\u0671\u0649\u0624\u0626\u0629]/g, function (c) { return FOLD[c]; })
      .replace(/[\u0660-\u0669]/g, function (c) { return String(c.charCodeAt(0) - 0x0660); })
      .replace(/[\u06f0-\u06f9]/g, function (c) { return String(c.charCodeAt(0) - 0x06f0); });
  }
  window.factcheckFold = fold;
  if (typeof Worker === "undefined") { return; }
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === 2 && typeof message.data === "string") {
      args[0] = { type: 2, data: fold(message.data) };
    }
    return post.apply(this, args);
  };
})();

// The theme fetches a sitemap.xml beside the address of every <link rel="alternate"> once the page has loaded,
// meant for whole-site language versions: for our per-page hreflang and feed links that is a failed request each.
// Hold those links out of the document while the theme looks for them, then put them back.
(function () {
  "use strict";
  var held = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate][hreflang], link[rel=alternate][type='application/atom+xml']"));
  if (!held.length || document.readyState !== "loading") { return; }
  held.forEach(function (link) { link.remove(); });
  document.addEventListener("DOMContentLoaded", function () {
    held.forEach(function (link) { document.head.appendChild(link); });
  }, { once: true });
})();
