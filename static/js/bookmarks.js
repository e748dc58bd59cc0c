/* "Save" buttons of the personal agenda: toggle the bookmark in place (fetch) instead of reloading the page.
   Without this script each button is a plain form that posts and comes back to the same place. */
(function () {
  "use strict";

  function setState(form, saved) {
    var button = form.querySelector("button[aria-pressed]");
    var label = form.querySelector("[data-bookmark-label]");
    form.querySelector("[data-bookmark-value]").value = saved ? "0" : "1";
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    label.textContent = button.getAttribute(saved ? "data-label-on" : "data-label-off");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-bookmark-form]") || !window.fetch) return;
    event.preventDefault();
    var button = form.querySelector("button[aria-pressed]");
    if (button.getAttribute("aria-busy") === "true") return;  // a double click: the first request decides
    var data = new FormData(form);
    button.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": data.get("csrf_token") }
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok && typeof body.bookmarked === "boolean") {
            setState(form, body.bookmarked);
          } else if (response.status === 401 && body.login_url) {
            window.location.assign(body.login_url + "?next=" + encodeURIComponent(window.location.pathname));
          } else {
            form.submit();  // let the server answer with its own page (an expired form, a session gone)
          }
        });
      })
      .catch(function () { form.submit(); })
      .then(function () { button.removeAttribute("aria-busy"); });
  });
})();
