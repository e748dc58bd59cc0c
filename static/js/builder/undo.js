/* Undo: the button (a plain form without JavaScript) and Ctrl+Z / Cmd+Z. The server knows the last change;
   each of its answers says what "Undo" would undo next, which the button's label shows. */

import { blockById } from "./grid.js";
import { errorText } from "./server.js";

export class UndoButton {
  constructor(form, label) {
    this.form = form;
    this.label = label;
  }

  show(undo) {
    this.form.hidden = !undo;
    this.label.textContent = undo ? undo.label : "";
  }
}

export function attachUndo({ form, queue, send, board, announce, messages }) {
  function undo() {
    announce(messages.saving);
    return queue.add(async () => {
      const result = await send("undo", {});
      board.apply(result.data);
      if (!result.ok) {
        announce(errorText(result.data, messages.error), true);
        return true; // nothing was queued on top of an undo that could go wrong because of it
      }
      announce(result.data.message);
      const block = result.data.session && blockById(result.data.session.id);
      if (block) block.focus();
      return true;
    });
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    undo();
  });

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, select, textarea, dialog");
    if (typing || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z" || event.shiftKey) return;
    if (form.hidden) return;
    event.preventDefault();
    undo();
  });
}
