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
