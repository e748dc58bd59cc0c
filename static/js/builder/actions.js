/* The keyboard and the toolbar: arrow keys (and the toolbar's buttons) move the focused or selected block by
   a slot or a room, Shift+arrows change its end, Enter opens the quick form on it. */

import { SLOT } from "./time.js";

const KEYS = { ArrowUp: "earlier", ArrowDown: "later", ArrowLeft: "previous-room", ArrowRight: "next-room" };

export function makeAct({ grid, moves, edit, announce, messages }) {
  return function act(block, action) {
    const start = Number(block.dataset.start);
    const end = Number(block.dataset.end);
    if (action === "edit") return edit(block);
    if (!block.hasAttribute("data-draggable")) return;
    const rooms = grid.columns().map((col) => col.dataset.roomId);
    const index = rooms.indexOf(block.dataset.roomId);
    switch (action) {
      case "earlier":
        return moves.moveTo(block, block.dataset.roomId, start - SLOT);
      case "later":
        return moves.moveTo(block, block.dataset.roomId, start + SLOT);
      case "previous-room":
        if (index <= 0) return announce(messages.firstRoom, true);
        return moves.moveTo(block, rooms[index - 1], start);
      case "next-room":
        if (index >= rooms.length - 1) return announce(messages.lastRoom, true);
        return moves.moveTo(block, rooms[index + 1], start);
      case "shorter":
        return moves.resizeTo(block, end - SLOT);
      case "longer":
        return moves.resizeTo(block, end + SLOT);
    }
  };
}

export function attachKeys(builder, { act, selection }) {
  builder.addEventListener("keydown", (event) => {
    const block = event.target.closest && event.target.closest(".tt-block");
    if (!block || event.target !== block || event.altKey || event.ctrlKey || event.metaKey) return;
    let action = KEYS[event.key];
    if (event.shiftKey && event.key === "ArrowUp") action = "shorter";
    if (event.shiftKey && event.key === "ArrowDown") action = "longer";
    if (event.key === "Enter") action = "edit";
    if (!action) return;
    event.preventDefault();
    act(block, action);
  });

  builder.addEventListener("focusin", (event) => {
    if (event.target.classList && event.target.classList.contains("tt-block")) selection.select(event.target);
  });
}

/* Without JavaScript the toolbar stays hidden: its buttons only work here. */
export function attachToolbar({ toolbar, title, act, selection }) {
  if (!toolbar) return;
  toolbar.hidden = false;
  title.dataset.none = title.textContent;
  selection.select(null);
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    const block = selection.block();
    if (button && block) act(block, button.dataset.action);
  });
}
