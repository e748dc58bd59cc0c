/* The selected session: the one the toolbar's buttons change. Focusing a block selects it. */

import { blockById } from "./grid.js";

export class Selection {
  constructor({ toolbar, title }) {
    this.toolbar = toolbar;
    this.title = title;
    this.id = null;
  }

  is(id) {
    return String(id) === this.id;
  }

  block() {
    return this.id && blockById(this.id);
  }

  select(block) {
    document.querySelectorAll(".tt-block.is-selected").forEach((b) => b.classList.remove("is-selected"));
    this.id = block ? block.dataset.sessionId : null;
    if (block) block.classList.add("is-selected");
    if (this.title) this.title.textContent = block ? block.dataset.title : this.title.dataset.none;
    if (this.toolbar) {
      this.toolbar.querySelectorAll("button").forEach((button) => {
        button.disabled = !block || (!block.hasAttribute("data-draggable") && button.dataset.action !== "edit");
      });
    }
  }
}
