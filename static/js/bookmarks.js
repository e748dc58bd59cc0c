/* "Save" buttons of the personal agenda: toggle the bookmark in place (fetch) instead of reloading the page.
   Without this script each button is a plain form that posts and comes back to the same place. */

import { postJson } from "./lib/http.js";

function setState(form, saved) {
  const button = form.querySelector("button[aria-pressed]");
  const label = form.querySelector("[data-bookmark-label]");
  form.querySelector("[data-bookmark-value]").value = saved ? "0" : "1";
  button.setAttribute("aria-pressed", saved ? "true" : "false");
  label.textContent = button.getAttribute(saved ? "data-label-on" : "data-label-off");
}

async function toggle(form) {
  const data = new FormData(form);
  const answer = await postJson(form.action, data, { csrfToken: data.get("csrf_token") });
  const body = answer.data || {};
  if (answer.ok && typeof body.bookmarked === "boolean") {
    setState(form, body.bookmarked);
  } else if (answer.status === 401 && body.login_url) {
    window.location.assign(body.login_url + "?next=" + encodeURIComponent(window.location.pathname));
  } else {
    form.submit(); // let the server answer with its own page (an expired form, a session gone)
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches || !form.matches("[data-bookmark-form]")) return;
  event.preventDefault();
  const button = form.querySelector("button[aria-pressed]");
  if (button.getAttribute("aria-busy") === "true") return; // a double click: the first request decides
  button.setAttribute("aria-busy", "true");
  toggle(form)
    .catch(() => form.submit()) // no answer: the plain form, as without this script
    .finally(() => button.removeAttribute("aria-busy"));
});
