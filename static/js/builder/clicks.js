/* Clicks on the timetable: a session's title opens the quick form on it, a session takes the focus (and so
   the selection), an empty slot opens the form for a new session there, as does "New session". */

import { DAY } from "./time.js";

export function attachClicks({ builder, grid, newButton, quickForm }) {
  builder.addEventListener("click", (event) => {
    const link = event.target.closest(".tt-title a");
    if (link) {
      event.preventDefault();
      return quickForm.open(link.closest(".tt-block"));
    }
    const block = event.target.closest(".tt-block");
    if (block) {
      block.focus();
      return;
    }
    const col = event.target.classList.contains("tt-col") ? event.target : null;
    if (col) {
      const start = grid.slotAt(col, event.clientY);
      quickForm.open(null, { roomId: col.dataset.roomId, start: start, end: Math.min(start + 60, DAY) });
    }
  });

  newButton.addEventListener("click", (event) => {
    event.preventDefault();
    const first = grid.columns()[0];
    quickForm.open(null, { roomId: first ? first.dataset.roomId : "", start: 9 * 60, end: 10 * 60 });
  });
}
