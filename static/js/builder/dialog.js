/* The quick form, a <dialog>: create a session or edit one in place. The server checks it; its field errors
   show next to the fields. Without <dialog> support, a session's title link opens the full form. */

import { errorText } from "./server.js";
import { DAY, clock, stamp } from "./time.js";

export class QuickForm {
  constructor({ dialog, day, queue, send, board, announce, messages }) {
    this.dialog = dialog;
    this.form = dialog.querySelector("form");
    this.day = day;
    this.queue = queue;
    this.send = send;
    this.board = board;
    this.announce = announce;
    this.messages = messages;
    this.opener = null; // what had the focus, to give it back on closing
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
    this.form.querySelector("[data-close]").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      if (this.opener && document.contains(this.opener)) this.opener.focus();
      this.opener = null;
    });
  }

  field(name) {
    return this.form.elements[name];
  }

  /* On a block: edit it. With `fresh` ({ roomId, start, end }): a new session there. */
  open(block, fresh) {
    if (typeof this.dialog.showModal !== "function") {
      if (block) window.location.href = block.dataset.editUrl;
      return;
    }
    this.clearErrors();
    this.opener = block || document.activeElement;
    const heading = document.getElementById("session-dialog-title");
    const fullForm = document.getElementById("dialog-full-form");
    this.form.dataset.sessionId = block ? block.dataset.sessionId : "";
    heading.textContent = block ? heading.dataset.edit : heading.dataset.new;
    fullForm.href = block ? block.dataset.editUrl : fullForm.dataset.newUrl;
    if (block) this.fill(block);
    else this.fillNew(fresh);
    this.dialog.showModal();
    this.field("title").focus();
  }

  fill(block) {
    const data = block.dataset;
    this.field("title").value = data.title;
    this.field("type").value = data.type;
    this.field("status").value = data.status;
    this.field("track_id").value = data.trackId;
    this.field("room_id").value = data.roomId;
    this.field("day").value = data.day;
    this.field("start").value = clock(Number(data.start));
    this.field("end").value = clock(Number(data.end));
  }

  fillNew(fresh) {
    this.form.reset();
    this.field("room_id").value = fresh.roomId || "";
    this.field("day").value = this.day;
    this.field("start").value = clock(fresh.start);
    this.field("end").value = clock(fresh.end);
  }

  body() {
    const day = this.field("day").value;
    const start = this.field("start").value;
    const end = this.field("end").value;
    // "00:00" as an end is midnight at the close of the day.
    const endDay = end === "00:00" && start !== "00:00" && day ? stamp(day, DAY).slice(0, 10) : day;
    return {
      title: this.field("title").value,
      type: this.field("type").value,
      status: this.field("status").value,
      track_id: this.field("track_id").value || null,
      room_id: this.field("room_id").value || null,
      starts_at: day && start ? `${day}T${start}` : "",
      ends_at: endDay && end ? `${endDay}T${end}` : "",
    };
  }

  async save() {
    this.clearErrors();
    const id = this.form.dataset.sessionId;
    const body = this.body();
    let result = null;
    await this.queue.add(async () => {
      result = await this.send(id ? `sessions/${id}` : "sessions", body);
      return true;
    });
    if (!result) return;
    if (result.ok) {
      this.opener = null; // focus goes to the saved block, not back to what opened the form
      this.dialog.close();
      const block = this.board.apply(result.data);
      this.announce(result.data.message);
      if (block) block.focus();
      return;
    }
    const firstInvalid = this.showErrors(result.data.errors || {});
    if (firstInvalid) {
      document.getElementById("dialog-errors").hidden = false;
      firstInvalid.focus();
    } else {
      this.announce(errorText(result.data, this.messages.error), true);
      this.dialog.close();
    }
  }

  /* Each field's message under it; returns the first field marked, if any. */
  showErrors(errors) {
    let firstInvalid = null;
    Object.entries(errors).forEach(([name, message]) => {
      const target = this.form.querySelector(`[data-error-for="${name}"]`);
      if (!target) return;
      target.textContent = message;
      target.hidden = false;
      target.closest(".field").classList.add("has-error");
      const input = target.closest(".field").querySelector("input, select");
      input.setAttribute("aria-invalid", "true");
      firstInvalid = firstInvalid || input;
    });
    return firstInvalid;
  }

  clearErrors() {
    document.getElementById("dialog-errors").hidden = true;
    this.form.querySelectorAll("[data-error-for]").forEach((p) => {
      p.hidden = true;
      p.textContent = "";
      p.closest(".field").classList.remove("has-error");
    });
    this.form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  }
}
