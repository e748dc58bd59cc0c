/* The full-screen answer to a scan. It shows at once with the local decision and is updated in place when
   the server's answer for the same scan arrives; a tap or a few seconds bring the scanner back. */

import { RECORDS_ENTRY } from "./decide.js";
import { beep } from "./sound.js";

const SHOW_MS = { green: 2500, amber: 4500, red: 5500, pending: 8000 };

export class ResultView {
  constructor(root, { messages, format, onUndo, onClose }) {
    this.root = root;
    this.messages = messages;
    this.format = format;
    this.onUndo = onUndo;
    this.onClose = onClose;
    this.scanId = null;
    this.timer = 0;
    this.part = (name) => root.querySelector(`#ci-result-${name}`);
    root.addEventListener("click", (event) => {
      if (event.target.closest("#ci-result-undo")) {
        event.stopPropagation();
        this.onUndo(this.scanId);
        return;
      }
      this.close();
    });
  }

  get openScanId() {
    return this.root.hidden ? null : this.scanId;
  }

  /* `scan`: { id, answer (the server's or the local one), local: bool, queued: bool }. */
  show(scan, { sound = true } = {}) {
    const answer = scan.answer;
    const colour = scan.pending ? "pending" : answer.colour;
    const changed = !this.root.hidden && this.scanId === scan.id && this.root.dataset.colour !== colour;
    this.scanId = scan.id;
    this.root.dataset.colour = colour;
    this.fill(scan);
    this.root.hidden = false;
    if (sound && colour !== "pending" && (changed || !scan.updated)) beep(colour);
    this.restartTimer(colour);
    this.part("next").focus({ preventScroll: true });
  }

  fill(scan) {
    const { answer } = scan;
    const m = this.messages;
    const registration = answer.registration;
    const result = scan.pending ? "pending" : answer.result;
    this.part("title").textContent = (m.results[result] || m.results.unknown_code).title;
    this.setText("name", registration ? registration.name : "");
    this.setText("local", registration ? registration.local_name : "");
    this.setText("org", registration ? [registration.organisation, this.format.country(registration.country)]
      .filter(Boolean).join(" · ") : "");
    const band = this.part("band");
    band.hidden = !(registration && registration.category);
    if (!band.hidden) {
      band.textContent = registration.category;
      band.style.setProperty("--ticket", registration.colour || "#1f5f8b");
      band.style.color = this.format.textOn(registration.colour || "#1f5f8b");
    }
    this.setText("detail", this.detail(scan));
    const notes = this.part("notes");
    notes.replaceChildren(...noteLines(registration).map((line) => {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
    notes.hidden = notes.children.length === 0;
    this.setText("source", this.source(scan));
    this.part("undo").hidden = !(RECORDS_ENTRY.has(answer.result) && !scan.pending && !scan.undone);
  }

  detail(scan) {
    const { answer } = scan;
    const m = this.messages;
    if (scan.pending) return m.results.pending.detail;
    if (answer.result === "already_checked_in") {
      return m.checkedInBy
        .replace("{time}", this.format.moment(answer.checked_in_at))
        .replace("{ago}", this.format.ago(answer.checked_in_at))
        .replace("{by}", answer.checked_in_by || m.someone);
    }
    if (answer.result !== "ok" && answer.message && !scan.local) return answer.message; // the server's words
    if (answer.result === "room_full" && scan.point && scan.point.capacity != null) {
      return m.roomFullCount.replace("{count}", scan.point.count + 1).replace("{capacity}", scan.point.capacity);
    }
    return (m.results[answer.result] || m.results.unknown_code).detail || "";
  }

  source(scan) {
    const m = this.messages;
    if (scan.undone) return m.undone;
    if (scan.local && scan.queued) return m.sourceQueued;
    if (scan.local && !scan.answer.sure) return m.sourceUnsure;
    return "";
  }

  setText(name, text) {
    const element = this.part(name);
    element.textContent = text || "";
    element.hidden = !text;
  }

  restartTimer(colour) {
    clearTimeout(this.timer);
    const timer = this.part("timer");
    const ms = SHOW_MS[colour] || 3000;
    timer.style.animation = "none";
    void timer.offsetWidth; // restart the CSS countdown
    timer.style.animation = `ci-countdown ${ms}ms linear forwards`;
    this.timer = setTimeout(() => this.close(), ms);
  }

  close() {
    if (this.root.hidden) return;
    clearTimeout(this.timer);
    this.root.hidden = true;
    this.onClose();
  }
}

/* Dietary and accessibility needs, however the API spells them: a string, a list, or {label: text}. */
export function noteLines(registration) {
  if (!registration || !registration.notes) return [];
  const notes = registration.notes;
  if (typeof notes === "string") return notes.split(/\n+| · /).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(notes)) return notes.filter(Boolean).map(String);
  return Object.values(notes).filter(Boolean).map(String);
}
