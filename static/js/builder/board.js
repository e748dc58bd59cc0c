/* What the server answered, on the page: the block as saved (re-rendered by the server, or gone), every
   block's conflicts, and what "Undo" would undo. The page shows exactly that. */

import { showConflicts } from "./conflicts.js";
import { blockById } from "./grid.js";

export class Board {
  constructor({ day, grid, roomless, selection, conflictsPanel, undoButton }) {
    this.day = day;
    this.grid = grid;
    this.roomless = roomless;
    this.selection = selection;
    this.conflictsPanel = conflictsPanel;
    this.undoButton = undoButton;
  }

  /* Returns the block as placed, or null when it is on another day now. */
  apply(data) {
    let block = null;
    if (data.removed) this.remove(data.removed);
    if (data.session) block = this.place(data.session);
    if (data.conflicts) showConflicts(this.conflictsPanel, data.conflicts, data.conflicts_html);
    if ("undo" in data) this.undoButton.show(data.undo);
    this.grid.layout();
    return block;
  }

  place(session) {
    const old = blockById(session.id);
    const hadFocus = old && old === document.activeElement;
    const template = document.createElement("template");
    template.innerHTML = session.html.trim();
    const block = template.content.firstElementChild;
    if (old) old.remove();
    if (session.day !== this.day) {
      if (this.selection.is(session.id)) this.selection.select(null);
      return null;
    }
    const target = session.room_id && this.grid.column(session.room_id);
    if (target) {
      target.appendChild(block);
      this.grid.widenRange(session.start_minute, session.end_minute);
    } else if (this.roomless) {
      this.roomless.appendChild(block);
    }
    if (this.roomless) this.roomless.closest("section").hidden = !this.roomless.children.length;
    if (hadFocus) block.focus();
    if (this.selection.is(session.id)) this.selection.select(block);
    return block;
  }

  remove(id) {
    const block = blockById(id);
    if (block) block.remove();
    if (this.selection.is(id)) this.selection.select(null);
  }
}
