/* The two changes a block can have: a new room and start (its length kept), or a new end. */

import { setBlock } from "./grid.js";
import { DAY, SLOT, stamp } from "./time.js";

export class Moves {
  constructor({ day, grid, changes, announce, messages }) {
    this.day = day;
    this.grid = grid;
    this.changes = changes;
    this.announce = announce;
    this.messages = messages;
  }

  moveTo(block, roomId, start) {
    const oldStart = Number(block.dataset.start);
    const duration = Number(block.dataset.end) - oldStart;
    start = Math.max(0, Math.min(DAY - SLOT, start));
    if (start === oldStart && String(roomId) === block.dataset.roomId) return;
    const body = {
      room_id: Number(roomId),
      starts_at: stamp(this.day, start),
      ends_at: stamp(this.day, start + duration),
    };
    this.changes.make(block, `sessions/${block.dataset.sessionId}/move`, body, () => {
      setBlock(block, start, start + duration);
      const target = this.grid.column(roomId);
      if (target && target !== block.parentNode) target.appendChild(block);
    });
  }

  resizeTo(block, end) {
    const start = Number(block.dataset.start);
    if (end - start < SLOT) {
      this.announce(this.messages.shortest, true);
      return;
    }
    if (end === Number(block.dataset.end)) return;
    const body = { ends_at: stamp(this.day, end) };
    this.changes.make(block, `sessions/${block.dataset.sessionId}/resize`, body, () => setBlock(block, start, end));
  }
}
