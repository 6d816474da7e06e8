// Keeps the opinion being typed on the phone (localStorage) until the server confirms it, so that a dropped
// connection or a closed tab loses nothing. Forms carry data-opinion-draft="sitting:topic:submission key";
// the confirmation page carries data-opinion-saved with the same value and clears the kept text.
(function () {
  "use strict";
  if (window.consultOpinionDrafts) {
    return; // the script is included once per topic form; run once
  }
  window.consultOpinionDrafts = true;
  var PREFIX = "consult.opinion-draft:";
  var store;
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "test", "1");
    store.removeItem(PREFIX + "test");
  } catch (error) {
    return; // private mode or storage off: the form still works, without the kept copy
  }

  function showNote(form, text) {
    var note = document.createElement("p");
    note.className = "hint";
    note.textContent = form.getAttribute("data-restored-note") || "";
    if (note.textContent) {
      text.parentNode.insertBefore(note, text);
    }
  }

  function sittingTopic(value) {
    return value.split(":").slice(0, 2).join(":") + ":";
  }

  // The server confirmed an opinion: forget the kept text of its form and of its edit form.
  document.querySelectorAll("[data-opinion-saved]").forEach(function (saved) {
    store.removeItem(PREFIX + saved.getAttribute("data-opinion-saved"));
    if (saved.getAttribute("data-opinion-saved-edit")) {
      store.removeItem(PREFIX + saved.getAttribute("data-opinion-saved-edit"));
    }
  });

  document.querySelectorAll("form[data-opinion-draft]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-opinion-draft");
    var text = form.querySelector("textarea[name=text]");
    if (!text) {
      return;
    }
    var kept = store.getItem(key);
    if (kept && kept !== text.value) {
      // An edit (or a send that failed) typed on this phone and never confirmed.
      text.value = kept;
      showNote(form, text);
    } else if (!text.value && key.indexOf(PREFIX + "edit:") !== 0) {
      // A fresh form has a fresh key: bring back text kept for this topic under an unconfirmed key, and
      // send it with that key so that a form the server already stored is not stored twice.
      var prefix = PREFIX + sittingTopic(form.getAttribute("data-opinion-draft"));
      for (var i = 0; i < store.length; i += 1) {
        var name = store.key(i);
        if (name && name.indexOf(prefix) === 0 && name !== key) {
          text.value = store.getItem(name) || "";
          var hidden = form.querySelector("input[name=submission_key]");
          if (hidden) {
            hidden.value = name.slice(prefix.length);
          }
          key = name;
          form.setAttribute("data-opinion-draft", name.slice(PREFIX.length));
          showNote(form, text);
          break;
        }
      }
    }
    text.addEventListener("input", function () {
      if (text.value.trim()) {
        store.setItem(key, text.value);
      } else {
        store.removeItem(key);
      }
    });
  });
})();
