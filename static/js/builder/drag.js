/* Drag to move, drag the bottom edge to resize (interact.js, the page's vendor script). The block follows the
   pointer in whole slots; on release the move or the new end is sent like any other change. A session from
   the list of those without a room lands where it is dropped. */

import { setBlock, showRange } from "./grid.js";
import { DAY, SLOT, snap } from "./time.js";

export function attachDrag({ interact, builder, grid, scroller, selection, moves }) {
  let suppressClick = false; // the click that ends a drag is not a click on the block
  const dragged = () => {
    suppressClick = true;
    setTimeout(() => (suppressClick = false), 0);
  };
  if (grid.element && interact) {
    const deps = { grid, selection, moves, dragged };
    interact(".tt-block[data-draggable]")
      .draggable({ ignoreFrom: ".tt-resize", autoScroll: { container: scroller }, listeners: moving(deps) })
      .resizable({ edges: { bottom: ".tt-resize" }, listeners: resizing(deps) });
  }
  builder.addEventListener(
    "click",
    (event) => {
      if (suppressClick) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
}

function moving({ grid, selection, moves, dragged }) {
  let drag = null;
  return {
    start(event) {
      const block = event.target;
      selection.select(block);
      block.classList.add("is-dragging");
      drag = { dx: 0, dy: 0, start: Number(block.dataset.start), end: Number(block.dataset.end) };
    },
    move(event) {
      if (!drag) return;
      const block = event.target;
      drag.dx += event.dx;
      drag.dy += event.dy;
      const minutes = snap(drag.dy, grid.ppm());
      block.style.transform = `translate(${drag.dx}px, ${minutes * grid.ppm()}px)`;
      showRange(block, drag.start + minutes, drag.end + minutes);
      const over = grid.columnAt(event.client.x);
      grid.columns().forEach((col) => col.classList.toggle("is-drop-target", col === over));
    },
    end(event) {
      if (!drag) return;
      const block = event.target;
      const minutes = snap(drag.dy, grid.ppm());
      const target = grid.columnAt(event.client.x);
      // A session without a room comes from the list under the grid: it lands where it was dropped.
      const fromList = !block.dataset.roomId;
      const landed = fromList && target && grid.dropMinute(block, target);
      block.style.transform = "";
      block.classList.remove("is-dragging");
      grid.columns().forEach((col) => col.classList.remove("is-drop-target"));
      setBlock(block, drag.start, drag.end);
      drag = null;
      dragged();
      if (fromList) {
        if (target) moves.moveTo(block, target.dataset.roomId, landed);
        return;
      }
      moves.moveTo(block, target ? target.dataset.roomId : block.dataset.roomId, Number(block.dataset.start) + minutes);
    },
  };
}

function resizing({ grid, selection, moves, dragged }) {
  return {
    start(event) {
      selection.select(event.target);
      event.target.classList.add("is-dragging");
    },
    move(event) {
      const block = event.target;
      const start = Number(block.dataset.start);
      const end = start + Math.max(SLOT, snap(event.rect.height, grid.ppm()));
      block.style.setProperty("--end", Math.min(end, DAY));
      block.dataset.resizeEnd = end;
      showRange(block, start, end);
    },
    end(event) {
      const block = event.target;
      block.classList.remove("is-dragging");
      const end = Number(block.dataset.resizeEnd || block.dataset.end);
      delete block.dataset.resizeEnd;
      setBlock(block, Number(block.dataset.start), Number(block.dataset.end));
      dragged();
      moves.resizeTo(block, end);
    },
  };
}
