/* The stream board refreshes itself: every 20 seconds (or ?refresh=N) it asks board.json for the board's
   HTML and puts it in place. Without JavaScript the page reloads itself (a <noscript> refresh) instead. */
(function () {
  "use strict";
  var board = document.getElementById("stream-board");
  if (!board) return;
  var problem = document.getElementById("stream-refresh-problem");
  var seconds = Math.max(2, parseInt(board.dataset.refreshSeconds, 10) || 20);
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

  function refresh() {
    if (busy) return;
    if (document.hidden) { schedule(); return; } // a background tab waits until it is looked at
    busy = true;
    fetch(board.dataset.source, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        board.innerHTML = data.html;
        board.dataset.updatedAt = data.updated_at;
        showProblem(false);
      })
      .catch(function () { showProblem(true); })
      .then(function () { busy = false; schedule(); });
  }

  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
  schedule();
})();
