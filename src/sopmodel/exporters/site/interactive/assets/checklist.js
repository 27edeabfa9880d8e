/* sopmodel handbook: checklist mode.
 * Keeps the ticks and the answers chosen in localStorage, under a key made of the procedure's
 * id and version (a new version starts unticked); hides the steps of the branches not taken
 * (each step lists in data-needs the decision:answer pairs it depends on, computed by
 * sopmodel); shows progress; resets after a confirmation; prints the result.
 * Plain ES2017, no HTML insertion: text goes in through textContent only.
 */
(function () {
  "use strict";

  var root = document.getElementById("checklist");
  if (!root) {
    return;
  }
  var key = root.dataset.storageKey;
  var locale = root.dataset.locale || document.documentElement.lang || undefined;
  var boxes = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-key]"));
  var radios = Array.prototype.slice.call(root.querySelectorAll("input[type=radio][data-decision]"));
  var questions = Array.prototype.slice.call(root.querySelectorAll("fieldset[data-decision]"));
  var branchSteps = Array.prototype.slice.call(root.querySelectorAll("[data-needs]"));
  var progressText = document.getElementById("cl-progress");
  var progressBar = document.getElementById("cl-bar");

  function fresh() {
    return { ticks: {}, choices: {}, started: null };
  }

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      if (saved && typeof saved === "object" && saved.ticks && saved.choices) {
        return saved;
      }
    } catch (error) {
      /* storage refused or damaged: start afresh, without persistence */
    }
    return fresh();
  }

  function save() {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      /* storage refused (private mode, quota): the page still works until it is closed */
    }
  }

  var state = load();

  function when(iso) {
    var date = new Date(iso);
    return date.toLocaleString(locale, { dateStyle: "long", timeStyle: "short" });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function isShown(element) {
    return !element.closest("[hidden]");
  }

  function applyBranches() {
    branchSteps.forEach(function (step) {
      var needs = step.dataset.needs.split(" ");
      step.hidden = needs.some(function (need) {
        var parts = need.split(":");
        var chosen = state.choices[parts[0]];
        return chosen !== undefined && chosen !== parts[1];
      });
    });
  }

  function isDone(item) {
    return item.matches("fieldset") ? state.choices[item.dataset.decision] !== undefined : item.checked;
  }

  function showProgress() {
    var shown = boxes.concat(questions).filter(isShown);
    var done = shown.filter(isDone).length;
    progressText.textContent = fill(root.dataset.progress, { done: done, total: shown.length });
    progressBar.max = Math.max(shown.length, 1);
    progressBar.value = done;
    root.classList.toggle("is-complete", shown.length > 0 && done === shown.length);
    var started = document.getElementById("cl-started");
    started.textContent = state.started ? fill(root.dataset.started, { when: when(state.started) }) : "";
  }

  function apply() {
    boxes.forEach(function (box) {
      box.checked = state.ticks[box.dataset.key] === true;
    });
    radios.forEach(function (radio) {
      radio.checked = state.choices[radio.dataset.decision] === radio.value;
    });
    applyBranches();
    showProgress();
  }

  root.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches("input[type=checkbox][data-key]")) {
      if (input.checked) {
        state.ticks[input.dataset.key] = true;
      } else {
        delete state.ticks[input.dataset.key];
      }
    } else if (input.matches("input[type=radio][data-decision]")) {
      state.choices[input.dataset.decision] = input.value;
      applyBranches();
    } else {
      return;
    }
    if (!state.started) {
      state.started = new Date().toISOString();
    }
    save();
    showProgress();
  });

  document.getElementById("cl-reset").addEventListener("click", function () {
    if (window.confirm(root.dataset.confirm)) {
      state = fresh();
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        /* nothing was stored */
      }
      apply();
    }
  });

  function stampPrint() {
    var printed = document.getElementById("cl-printed");
    printed.textContent = fill(printed.dataset.template || "", { when: when(new Date().toISOString()) });
  }

  document.getElementById("cl-print").addEventListener("click", function () {
    stampPrint();
    window.print();
  });
  window.addEventListener("beforeprint", stampPrint);

  document.getElementById("cl-toolbar").hidden = false;
  document.getElementById("cl-buttons").hidden = false;
  root.classList.add("is-interactive");
  apply();
})();
