/* Organiser boards that refresh themselves (check-in dashboard, stream board): every few seconds the
   element marked data-live-board asks its data-source (JSON with the board's HTML) and puts it in place.
   Without JavaScript the page reloads itself (a <noscript> refresh) instead. */
(function () {
  "use strict";
  var board = document.querySelector("[data-live-board]");
  if (!board) return;
  var problem = document.getElementById(board.dataset.problem);
  var seconds = Math.max(2, parseInt(board.dataset.refreshSeconds, 10) || 15);
  var timer = null;
  var busy = false;

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, seconds * 1000);
  }

  function showProblem(failed) {
    problem.hidden = !failed;
    problem.textContent = failed ? board.dataset.failedMessage : "";
  }

  function swap(html) {
    // Keep an open <details> (e.g. "figures as a table") open across the swap.
    var open = Array.prototype.map.call(board.querySelectorAll("details[open] > summary"), function (s) { return s.textContent; });
    board.innerHTML = html;
    Array.prototype.forEach.call(board.querySelectorAll("details > summary"), function (s) {
      if (open.indexOf(s.textContent) !== -1) s.parentElement.open = true;
    });
  }

  function refresh() {
    if (busy) return;
    if (document.hidden) { schedule(); return; } // a background tab waits until it is looked at
    busy = true;
    fetch(board.dataset.source, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        // A redirect means the session ended (the log-in page): show the problem, not the log-in form.
        if (!response.ok || response.redirected) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        swap(data.html);
        board.dataset.updatedAt = data.updated_at;
        showProblem(false);
      })
      .catch(function () { showProblem(true); })
      .then(function () { busy = false; schedule(); });
  }

  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
  schedule();
})();
