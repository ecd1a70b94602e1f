// Autosave companion for forms marked data-autosave (htmx does the saving).
// Keeps a copy of unsaved typing in this browser, so a dropped connection or a reload
// loses nothing: the copy is put back and saved when the page or the network returns.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.localStorage) return;
  var key = "rangwan:draft:" + form.getAttribute("action");

  function revision() {
    var field = form.querySelector("input[name=revision]");
    return field ? field.value : "";
  }

  function values() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "file" || el.type === "submit") return;
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) data[el.name] = el.value;
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function keep() {
    try {
      localStorage.setItem(key, JSON.stringify({ revision: revision(), data: values() }));
    } catch (e) { /* storage full or blocked: the server copy still works */ }
  }

  function say(text, cls) {
    var status = document.getElementById("save-status");
    if (!status) return;
    status.textContent = text;
    if (cls) status.classList.add(cls);
  }

  form.addEventListener("input", keep);
  form.addEventListener("change", keep);

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form || !event.detail.successful) return;
    var status = document.getElementById("save-status");
    if (status && !status.classList.contains("has-problem")) localStorage.removeItem(key);
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    if (event.detail.elt === form) say(form.dataset.offlineText, "offline");
  });
  window.addEventListener("online", function () {
    if (localStorage.getItem(key)) htmx.trigger(form, "change");
  });

  // On load: typing kept from before a reload, on the same revision, goes back in.
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (!kept) return;
  if (kept.revision !== revision()) { localStorage.removeItem(key); return; }
  var changed = false;
  Object.keys(kept.data).forEach(function (name) {
    var field = form.elements[name];
    if (!field) return;
    if (field instanceof RadioNodeList) {
      Array.prototype.forEach.call(field, function (el) {
        var on = el.value === kept.data[name];
        if (el.checked !== on) { el.checked = on; changed = true; }
      });
    } else if (field.value !== kept.data[name]) {
      field.value = kept.data[name];
      changed = true;
    }
  });
  if (changed) {
    say(form.dataset.restoredText, "restored");
    window.addEventListener("load", function () { htmx.trigger(form, "change"); });
  } else {
    localStorage.removeItem(key);
  }
})();
