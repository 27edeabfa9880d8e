// sopmodel serve: reload this page when a rebuild wrote it, keeping the scroll position.
// Loaded by every page of a handbook served by `sopmodel serve` (never by a published one).
(function () {
  "use strict";
  var EVENTS = "/__sopmodel/events";
  var SAVED = "sopmodel-serve-scroll:";

  // The site-relative path of this page, as the server names it (index.html for a folder).
  function key(pathname) {
    var path = decodeURIComponent(pathname).replace(/^\/+/, "");
    return path === "" || path.slice(-1) === "/" ? path + "index.html" : path;
  }

  var here = key(location.pathname);

  function remember(page) {
    try {
      sessionStorage.setItem(SAVED + page, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {
      // Storage refused (private mode, full): the page reloads at its top.
    }
  }

  function restore() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(SAVED + here);
      sessionStorage.removeItem(SAVED + here);
    } catch (e) {
      return;
    }
    if (saved) {
      var at = JSON.parse(saved);
      window.scrollTo(at[0], at[1]);
    }
  }

  function reload() {
    remember(here);
    location.reload();
  }

  function moveTo(page) {
    remember(here);
    location.replace("/" + page.split("/").map(encodeURIComponent).join("/") + location.hash);
  }

  // The site files this page shows: itself, its style sheets, scripts and pictures.
  function used() {
    var files = {};
    files[here] = true;
    var elements = document.querySelectorAll("link[rel~='stylesheet'][href], script[src], img[src]");
    for (var i = 0; i < elements.length; i++) {
      var address = new URL(elements[i].getAttribute("href") || elements[i].getAttribute("src"),
        location.href);
      if (address.origin === location.origin) {
        files[key(address.pathname)] = true;
      }
    }
    return files;
  }

  function shows(list) {
    var files = used();
    for (var i = 0; i < list.length; i++) {
      if (files[list[i]]) {
        return true;
      }
    }
    return false;
  }

  var banner = null;
  function showFailure(message) {
    if (!banner) {
      banner = document.createElement("div");
      banner.setAttribute("role", "alert");
      banner.className = "sopmodel-serve-failure";
      var s = banner.style;
      s.position = "fixed";
      s.left = s.right = s.bottom = "0";
      s.zIndex = "2147483647";
      s.padding = "0.75em 1em";
      s.background = "#7a0000";
      s.color = "#ffffff";
      s.font = "1rem/1.4 system-ui, sans-serif";
      document.body.appendChild(banner);
    }
    var french = (document.documentElement.lang || "").slice(0, 2) === "fr";
    banner.textContent = french
      ? "sopmodel serve n’a pas pu reconstruire cette page : " + message +
        " (le terminal en dit plus ; la page se recharge dès qu’une reconstruction réussit)."
      : "sopmodel serve could not rebuild this page: " + message +
        " (the terminal says more; the page reloads when a rebuild works).";
  }

  restore();
  if (typeof EventSource !== "function") {
    return;
  }
  var source = new EventSource(EVENTS + "?page=" + encodeURIComponent(here));
  source.addEventListener("hello", function (event) {
    // Rebuilt between this page's download and now: the page is already out of date.
    var data = JSON.parse(event.data);
    if (data.written > performance.timeOrigin) {
      reload();
    }
  });
  source.addEventListener("rebuilt", function (event) {
    var data = JSON.parse(event.data);
    if (Object.prototype.hasOwnProperty.call(data.moved, here)) {
      moveTo(data.moved[here]);
    } else if (shows(data.written) || data.removed.indexOf(here) >= 0) {
      reload();
    }
  });
  source.addEventListener("failed", function (event) {
    showFailure(JSON.parse(event.data).message);
  });
  window.addEventListener("pagehide", function () {
    source.close();
  });
})();
