/* Finding a delegate by hand (a forgotten badge, a code that will not scan): the API's search by name,
   e-mail or reference when online, the cached list (names and organisations) when not. Choosing a result
   checks that registration in as if its badge had been scanned. */

import { NetworkError } from "./api.js";
import { searchable } from "./format.js";

const DEBOUNCE_MS = 200;
const LIMIT = 20;

export class Search {
  constructor(root, { desk, api, messages, format, onClose }) {
    this.root = root;
    this.desk = desk;
    this.api = api;
    this.m = messages;
    this.format = format;
    this.onClose = onClose;
    this.input = root.querySelector("#ci-search-q");
    this.list = root.querySelector("#ci-search-results");
    this.note = root.querySelector("#ci-search-note");
    this.timer = 0;
    this.asked = 0;
    this.input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
    });
    root.querySelector("#ci-search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(this.timer);
      this.run();
    });
    root.querySelector("#ci-search-close").addEventListener("click", () => this.close());
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  get isOpen() {
    return !this.root.hidden;
  }

  open() {
    this.root.hidden = false;
    this.input.value = "";
    this.list.replaceChildren();
    this.note.textContent = this.m.searchHint;
    this.input.focus();
  }

  close() {
    if (this.root.hidden) return;
    this.root.hidden = true;
    this.onClose();
  }

  async run() {
    const q = this.input.value.trim();
    const asked = ++this.asked;
    if (q.length < 2) {
      this.list.replaceChildren();
      this.note.textContent = this.m.searchHint;
      return;
    }
    let results;
    let offline = false;
    if (this.desk.isOffline()) {
      results = this.searchCache(q);
      offline = true;
    } else {
      try {
        const data = await this.api.search(q);
        results = Array.isArray(data) ? data : data.registrations || [];
        this.desk.reachable(true);
      } catch (error) {
        if (error instanceof NetworkError) this.desk.reachable(false);
        results = this.searchCache(q);
        offline = true;
      }
    }
    if (asked !== this.asked) return; // a later search has started
    this.note.textContent = results.length
      ? (offline ? this.m.searchOffline : "")
      : this.m.noResults;
    this.list.replaceChildren(...results.map((r) => this.item(r)));
  }

  searchCache(q) {
    const words = searchable(q).split(/\s+/).filter(Boolean);
    const found = [];
    for (const registration of this.desk.registrations.values()) {
      const text = searchable(
        [registration.name, registration.local_name, registration.organisation, registration.email].join(" "),
      );
      if (words.every((word) => text.includes(word))) found.push(registration);
      if (found.length >= LIMIT) break;
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
  }

  item(registration) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ci-search-result";
    const name = document.createElement("span");
    name.className = "ci-search-name";
    name.textContent = registration.name;
    button.append(name);
    if (registration.local_name) {
      const local = document.createElement("span");
      local.className = "ci-search-local";
      local.textContent = registration.local_name;
      button.append(local);
    }
    const meta = document.createElement("span");
    meta.className = "ci-search-meta";
    const pointId = this.desk.point ? this.desk.point.id : "entrance";
    const earlier = (registration.checked_in || {})[pointId];
    const state = earlier
      ? this.m.searchCheckedIn.replace("{time}", this.format.moment(earlier.at))
      : this.m.status[registration.status] || registration.status;
    meta.textContent = [registration.category, registration.organisation, state].filter(Boolean).join(" · ");
    button.style.setProperty("--ticket", registration.colour || "#1f5f8b");
    button.append(meta);
    button.addEventListener("click", () => {
      this.close();
      this.desk.scanRegistration(registration);
    });
    item.append(button);
    return item;
  }
}
