/* The pairing page: keep this device's scanning token where the check-in page looks for it, then go there. */
(function () {
  "use strict";
  var box = document.getElementById("pairing");
  if (!box) return;
  var status = document.getElementById("pairing-status");
  try {
    window.localStorage.setItem(box.dataset.key, box.dataset.token);
  } catch (error) {
    status.textContent = box.dataset.failedMessage;
    return;
  }
  // The token is stored: take it out of the page and of the history entry before moving on.
  box.dataset.token = "";
  status.textContent = box.dataset.storedMessage;
  window.location.replace(box.dataset.next);
})();
