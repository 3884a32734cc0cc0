(function () {
  "use strict";
  // "Accept": a ready [[waiver]] entry for checks/waivers.toml, copied to the clipboard (no
  // server); where the clipboard is refused, the entry is shown selected for copying by hand.
  function tomlString(s) {
    return JSON.stringify(String(s));
  }
  function waiver(fp, about) {
    return "[[waiver]]\n# " + about.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ") +
      "\nfingerprint = " + tomlString(fp) +
      "\nreason = " + tomlString("TODO: why this finding is acceptable") + "\n";
  }
  Array.prototype.forEach.call(document.querySelectorAll("p.accept"), function (p) {
    p.hidden = false;
    var button = p.querySelector("button");
    var status = p.querySelector(".accept-status");
    button.addEventListener("click", function () {
      var entry = waiver(button.dataset.fingerprint, button.dataset.about || "");
      function manual() {
        var box = p.querySelector("textarea") || document.createElement("textarea");
        box.readOnly = true;
        box.rows = 5;
        box.value = entry;
        p.appendChild(box);
        box.select();
        status.textContent = "Copy this into checks/waivers.toml and fill in the reason " +
          "(or run: audit waive " + button.dataset.fingerprint + " --reason \"...\").";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(entry).then(function () {
          status.textContent = "Waiver copied: paste it into checks/waivers.toml and fill in " +
            "the reason (or run: audit waive " + button.dataset.fingerprint +
            " --reason \"...\").";
        }, manual);
      } else {
        manual();
      }
    });
  });
  var nav = document.getElementById("filters");
  var form = document.getElementById("filter-form");
  if (!nav || !form) return;
  nav.hidden = false;
  var arts = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("div.group"));
  var tails = Array.prototype.slice.call(document.querySelectorAll("details.more"));
  var out = document.getElementById("filter-count");
  var texts = new Map();
  function text(a) {
    var t = texts.get(a);
    if (t === undefined) {
      t = a.textContent.toLowerCase();
      texts.set(a, t);
    }
    return t;
  }
  function apply() {
    var sev = Object.create(null);
    Array.prototype.forEach.call(form.querySelectorAll("input[name=sev]"), function (c) {
      sev[c.value] = c.checked;
    });
    var cls = form.elements.cls.value;
    var doc = form.elements.doc.value;
    var q = form.elements.q.value.trim().toLowerCase();
    var minConf = parseFloat(form.elements.conf.value) || 0;
    var shown = 0;
    arts.forEach(function (a) {
      var d = a.dataset;
      var ok = sev[d.severity] !== false &&
        (!cls || d["class"] === cls) &&
        (!doc || (" " + d.documents + " ").indexOf(" " + doc + " ") >= 0) &&
        (!q || text(a).indexOf(q) >= 0) &&
        (d.confidence === "" || parseFloat(d.confidence) >= minConf);
      if (a.hidden === ok) a.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("article.finding:not([hidden])");
    });
    tails.forEach(function (t) {
      var n = t.querySelectorAll("article.finding:not([hidden])").length;
      var m = t.querySelector("summary .match");
      if (m) m.textContent = "(" + n + " match the filters)";
    });
    out.textContent = shown + " of " + arts.length + " findings shown";
  }
  var timer = 0;
  form.addEventListener("change", apply);
  form.elements.conf.addEventListener("input", apply);
  form.elements.q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    apply();
  });
  apply();
})();
