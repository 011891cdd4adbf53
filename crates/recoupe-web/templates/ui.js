// Filters for the story page: rows carry data-speaker, data-outlet and data-date
// ("|"-separated values); the script only hides and shows them, it never writes HTML.
(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var fold = function (s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var rows = Array.prototype.slice.call(document.querySelectorAll(".f-row"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".f-group"));
  var texts = rows.map(function (r) { return fold(r.textContent); });
  var speaker = byId("f-speaker"), outlet = byId("f-outlet"), from = byId("f-from"),
      to = byId("f-to"), search = byId("f-search"), count = byId("f-count");
  var has = function (list, value) { return (list || "").split("|").indexOf(value) >= 0; };

  function apply() {
    var sp = speaker.value, out = outlet.value, f = from.value, t = to.value;
    var q = fold(search.value.trim());
    var shown = 0, active = sp || out || f || t || q;
    rows.forEach(function (r, i) {
      var ok = true;
      // A filter applies to the rows that carry its attribute.
      if (sp && r.hasAttribute("data-speaker")) ok = has(r.getAttribute("data-speaker"), sp);
      if (ok && out && r.hasAttribute("data-outlet")) ok = has(r.getAttribute("data-outlet"), out);
      if (ok && (f || t) && r.hasAttribute("data-date")) {
        var d = (r.getAttribute("data-date") || "").slice(0, 10);
        ok = d !== "" && (!f || d >= f.slice(0, d.length)) && (!t || d <= t.slice(0, d.length));
      }
      if (ok && q) ok = texts[i].indexOf(q) >= 0;
      r.classList.toggle("hidden", !ok);
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      g.classList.toggle("hidden", !g.querySelector(".f-row:not(.hidden)"));
    });
    count.textContent = active ? shown + " of " + rows.length + " lines" : "";
  }

  [speaker, outlet, from, to].forEach(function (el) { el.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  byId("f-clear").addEventListener("click", function () {
    speaker.value = ""; outlet.value = ""; from.value = ""; to.value = ""; search.value = "";
    apply();
  });

  // Speaker names in the list set the speaker filter.
  Array.prototype.forEach.call(document.querySelectorAll(".speaker-list a.speaker-name"), function (a) {
    a.addEventListener("click", function () {
      speaker.value = a.textContent;
      apply();
    });
  });

  // A chosen file is read into the text area; the form posts it as text.
  var file = byId("u-file"), content = byId("u-content"), format = byId("u-format");
  var maxKib = parseInt(byId("ui-script").getAttribute("data-max-upload"), 10) || 0;
  file.addEventListener("change", function () {
    var f = file.files && file.files[0];
    if (!f) return;
    if (maxKib && f.size > maxKib * 1024) {
      file.setCustomValidity("File over " + maxKib + " KiB");
      file.reportValidity();
      return;
    }
    file.setCustomValidity("");
    if (/\.html?$/i.test(f.name)) format.value = "html";
    f.text().then(function (t) { content.value = t; });
  });
  apply();
})();
