/* The public agenda: switch times to the browser's own zone (remembered), print, and "your time" on a
   session page. The server renders every time; this only picks the zone and fills in one extra line. */
(function () {
  "use strict";

  var KEY = "agenda_tz";
  var YEAR = 365 * 24 * 3600;

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null;  // storage blocked: the cookie still remembers the choice
    }
  }

  function store(zone) {
    try {
      if (zone) window.localStorage.setItem(KEY, zone);
      else window.localStorage.removeItem(KEY);
    } catch (error) { /* see stored() */ }
  }

  function setCookie(zone) {
    var value = zone ? encodeURIComponent(zone) : "";
    document.cookie = KEY + "=" + value + "; path=/; max-age=" + (zone ? YEAR : 0) + "; samesite=lax";
  }

  function showIn(zone) {
    var url = new URL(window.location.href);
    url.searchParams.set("tz", zone);
    window.location.assign(url.toString());
  }

  var bar = document.querySelector("[data-tz-bar]");
  if (bar) {
    var viewZone = bar.getAttribute("data-view-zone");
    var mine = browserZone();
    var remembered = stored();
    var asked = new URL(window.location.href).searchParams.get("tz");

    if (remembered && remembered !== viewZone) {
      if (asked === null) {
        // Chosen before but the cookie is gone (cleared, another device profile): ask the server again.
        setCookie(remembered);
        showIn(remembered);
        return;
      }
      if (asked !== "conference") store(null);  // the server did not accept that zone
    }

    var mineButton = bar.querySelector("[data-tz-mine]");
    if (mineButton && mine && mine !== viewZone) {
      mineButton.querySelector("[data-browser-zone]").textContent = mine;
      mineButton.hidden = false;
      mineButton.addEventListener("click", function () {
        store(mine);
        setCookie(mine);
        showIn(mine);
      });
    }
    var reset = bar.querySelector("[data-tz-reset]");
    if (reset) {
      reset.addEventListener("click", function () {
        store(null);
        setCookie(null);
      });
    }
  }

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }

  // A session's page: its time in the browser's zone, when that is not the conference's.
  var yours = document.querySelector("[data-browser-time]");
  if (yours) {
    var zone = browserZone();
    if (zone && zone !== yours.getAttribute("data-conference-zone")) {
      var locale = yours.getAttribute("data-locale") || undefined;
      var start = new Date(yours.getAttribute("data-start"));
      var end = new Date(yours.getAttribute("data-end"));
      var day = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: zone }).format(start);
      var clock = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone: zone });
      var dd = yours.querySelector("dd");
      dd.textContent = "";
      dd.append(day, document.createElement("br"), clock.format(start) + " – " + clock.format(end));
      dd.append(document.createElement("br"));
      var note = document.createElement("span");
      note.className = "muted";
      note.textContent = zone;
      dd.append(note);
      yours.hidden = false;
    }
  }
})();
