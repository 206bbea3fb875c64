"use strict";
// The page: choose a bundle, type the passphrase, see the verified journal. Everything
// stays in this tab's memory: no network (the Content-Security-Policy forbids it), no
// storage, photos shown from blob: URLs that are revoked as soon as they are drawn.
(function () {
  var L = {};
  var lang = "en";
  var opened = null;     // the wasm Opened object
  var view = null;       // its JSON view
  var urls = [];         // blob: URLs still alive
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function t(key) { return Object.prototype.hasOwnProperty.call(L, key) ? L[key] : key; }
  function utc(secs) {
    if (secs === null || secs === undefined) return "-";
    return new Date(secs * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  }
  function local(secs, tz) {
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: tz })
        .format(new Date(secs * 1000)) + " (" + tz + ")";
    } catch (e) { return tz; }
  }

  function setLang(l) {
    lang = l;
    L = JSON.parse(wasm_bindgen.labels(l));
    document.documentElement.lang = l;
    document.title = t("title");
    document.querySelectorAll("[data-l]").forEach(function (n) { n.textContent = t(n.getAttribute("data-l")); });
    document.querySelectorAll(".langs button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === l));
    });
    if (view) render();
  }

  function forget() {
    urls.forEach(function (u) { URL.revokeObjectURL(u); });
    urls = [];
    if (opened) { opened.free(); opened = null; }
    view = null;
    $("result").replaceChildren();
    $("status").hidden = true;
    $("print").hidden = true;
    $("close").hidden = true;
  }

  function showStatus(cls, text) {
    var s = $("status");
    s.className = "status " + cls;
    s.textContent = text;
    s.hidden = false;
  }

  function breakText(b) {
    var where;
    if (b.kind === "attachment") {
      where = t("attachments") + " " + (b.attachment + 1) + " — " + t("entry") + " " + (b.entry + 1);
    } else if (b.revision === null) {
      where = t("chain_head");
    } else {
      where = t("entry") + " " + (b.entry + 1) + ", " + t("revision") + " " + b.seq;
    }
    return where + ": " + t("problem_" + b.problem);
  }

  function field(dl, key, value) {
    if (value === null || value === undefined || value === "") return;
    dl.append(el("dt", null, t(key)), el("dd", null, value));
  }

  function snapshotList(s) {
    var dl = el("dl");
    field(dl, "occurred", utc(s.occurred_at) + " — " + local(s.occurred_at, s.time_zone));
    field(dl, "kinds", s.kinds.map(function (k) { return t("kind_" + k); }).join(", "));
    field(dl, "narrative", s.narrative);
    field(dl, "injuries", s.injuries);
    field(dl, "witnesses", s.witnesses);
    field(dl, "place", s.place);
    field(dl, "police", (s.police_involved ? t("yes") : t("no")) +
      (s.police_reference ? " (" + t("reference") + ": " + s.police_reference + ")" : ""));
    field(dl, "medical", (s.medical_involved ? t("yes") : t("no")) +
      (s.medical_reference ? " (" + t("reference") + ": " + s.medical_reference + ")" : ""));
    if (s.hidden) dl.append(el("dt", null, t("hidden")), el("dd", null, t("yes")));
    return dl;
  }

  function photo(index) {
    var a = view.attachments[index];
    if (!a.matches || !/^image\/(png|jpeg|webp|gif)$/.test(a.mime_type)) return null;
    var url = URL.createObjectURL(new Blob([opened.attachment(index)], { type: a.mime_type }));
    urls.push(url);
    var img = el("img", "photo");
    img.alt = (a.file_name || t("attachment_kind_" + a.kind));
    img.addEventListener("load", function () {
      URL.revokeObjectURL(url);
      urls = urls.filter(function (u) { return u !== url; });
    });
    img.src = url;
    return img;
  }

  function render() {
    var v = view;
    var out = $("result");
    out.replaceChildren();
    if (v.intact) {
      showStatus("ok", t("chain_intact"));
    } else {
      showStatus("bad", t("chain_broken") + " " + t("first_break") + ": " + breakText(v.first_break));
    }
    var summary = el("section");
    summary.append(el("h2", v.intact ? null : "altered", v.intact ? t("chain_head") : t("head_claimed")));
    var head = el("code", "head", v.intact ? v.head : v.head_claimed);
    head.id = "chain-head";
    summary.append(head);
    summary.append(el("p", null, t("revisions_total") + ": " + v.revisions_total));
    summary.append(el("p", "note", t("proves")));
    out.append(summary);

    var brokenAt = v.first_break ? v.first_break.revision : null;
    var shown = {};
    out.append(el("h2", null, t("entries")));
    v.entries.forEach(function (e, i) {
      var sec = el("section", "entry");
      sec.append(el("h3", null, t("entry") + " " + (i + 1)));
      e.revisions.forEach(function (r) {
        var box = el("div", "rev" + (r.position === brokenAt ? " broken" : ""));
        box.setAttribute("data-position", r.position);
        box.append(el("div", null, t("revision") + " " + r.seq + " — " + t("action_" + r.action) +
          " — " + t("recorded") + ": " + utc(r.recorded_at)));
        var h = el("div", "note");
        h.append(document.createTextNode(t("hash") + ": "), el("code", null, r.hash));
        box.append(h);
        if (r.erased) box.append(el("p", "note", t("erased")));
        if (r.snapshot) box.append(snapshotList(r.snapshot));
        r.attachments.forEach(function (ai) {
          if (shown[ai]) return;
          shown[ai] = true;
          var a = v.attachments[ai];
          box.append(el("div", null, t("attachments") + ": " + (a.file_name || t("attachment_kind_" + a.kind))));
          var img = photo(ai);
          if (img) box.append(img);
        });
        sec.append(box);
      });
      out.append(sec);
    });

    out.append(el("h2", null, t("attachments")));
    var table = el("table");
    var tr = el("tr");
    ["entry", "file_name", "size", "sha256", ""].forEach(function (k) { tr.append(el("th", null, k ? t(k) : "")); });
    table.append(tr);
    v.attachments.forEach(function (a, i) {
      var row = el("tr");
      row.append(el("td", null, a.entry + 1),
        el("td", null, (a.file_name || "") + " (" + t("attachment_kind_" + a.kind) + ", " + a.mime_type + ")"),
        el("td", null, a.size));
      var c = el("td"); c.append(el("code", null, a.sha256)); row.append(c);
      row.append(el("td", a.matches ? null : "altered", a.matches ? t("attachment_ok") : t("attachment_altered")));
      row.setAttribute("data-attachment", i);
      table.append(row);
    });
    out.append(table);
    var timing = el("p", "note");
    timing.id = "timing";
    timing.setAttribute("data-open-ms", v.timing.open_ms);
    timing.setAttribute("data-verify-ms", v.timing.verify_ms);
    timing.textContent = "⏱ " + Math.round(v.timing.open_ms) + " + " + Math.round(v.timing.verify_ms) + " ms";
    out.append(timing);
    $("print").hidden = false;
    $("close").hidden = false;
  }

  function openChosen(ev) {
    ev.preventDefault();
    var file = $("file").files[0];
    var pass = $("pass").value;
    if (!file || !pass) return;
    forget();
    showStatus("err", t("working"));
    file.arrayBuffer().then(function (buf) {
      // Let the "working" message paint before the (synchronous) check runs.
      setTimeout(function () {
        try {
          opened = wasm_bindgen.open_bundle(new Uint8Array(buf), pass);
          view = JSON.parse(opened.view());
          render();
        } catch (e) {
          showStatus("err", typeof e === "string" ? t(e) : t("err_damaged"));
        }
        $("pass").value = "";
      }, 30);
    });
  }

  window.addEventListener("DOMContentLoaded", function () {
    wasm_bindgen({ module_or_path: wasmBytes() }).then(function () {
      var pref = (navigator.language || "en").slice(0, 2);
      setLang(pref === "kk" || pref === "ru" ? pref : "en");
      document.querySelectorAll(".langs button").forEach(function (b) {
        b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
      });
      $("form").addEventListener("submit", openChosen);
      $("print").addEventListener("click", function () { window.print(); });
      $("close").addEventListener("click", function () { forget(); $("file").value = ""; });
      document.body.setAttribute("data-ready", "true");
    });
  });
  window.addEventListener("pagehide", forget);
})();
