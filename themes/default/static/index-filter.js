// The filter box of the index pages (officials, and districts and tags when their lists are
// long): narrows the names as the reader types. Progressive enhancement: the box is `hidden` in
// the HTML and shown only here, so without script the page is the complete list it always was.
// Each name carries `data-filter` (its name, aliases, pinyin and role in both scripts); every
// word typed must occur in it, spaces and dashes ignored, so `lin jingyi`, `linjingyi`, `林靜怡`
// and `林静怡` all find 林靜怡. A nested name stays shown when a name under it matches.
(function () {
  "use strict";
  var form = document.querySelector("[data-index-filter]");
  if (!form) return;
  var input = form.querySelector("input");
  var status = form.querySelector("[role=status]");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  var compact = function (text) { return text.toLowerCase().replace(/[\s\-·・]+/g, ""); };
  var keys = items.map(function (item) { return compact(item.getAttribute("data-filter")); });

  function apply() {
    var words = input.value.split(/\s+/).map(compact).filter(Boolean);
    var matched = keys.map(function (key) {
      return words.every(function (word) { return key.indexOf(word) >= 0; });
    });
    var shown = 0;
    items.forEach(function (item, i) {
      var visible = matched[i];
      if (!visible) {
        // A parent stays when one of the names under it matches.
        for (var j = i + 1; j < items.length && item.contains(items[j]); j++) {
          if (matched[j]) { visible = true; break; }
        }
      }
      item.hidden = !visible;
      if (matched[i]) shown++;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-filter]:not([hidden])");
    });
    if (!words.length) {
      status.textContent = "";
    } else if (!shown) {
      status.textContent = status.getAttribute("data-none");
    } else {
      status.textContent = status.getAttribute("data-shown")
        .replace("{shown}", shown).replace("{total}", items.length);
    }
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", apply);
  if (input.value) apply();
})();
