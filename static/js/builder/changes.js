/* A change to one block (a move or a new end): shown at once, then sent through the queue. The page takes
   the server's word when the block's last answer is in; a refusal puts the block back. */

import { blockById, setBlock } from "./grid.js";
import { errorText } from "./server.js";

export class Changes {
  constructor({ queue, send, board, grid, announce, messages }) {
    this.queue = queue;
    this.send = send;
    this.board = board;
    this.grid = grid;
    this.announce = announce;
    this.messages = messages;
    this.pending = {}; // session id → changes sent and not answered yet
  }

  /* preview() shows the change on the page; `path` and `body` tell it to the server. */
  make(block, path, body, preview) {
    const id = block.dataset.sessionId;
    const before = { start: block.dataset.start, end: block.dataset.end, parent: block.parentNode };
    const hadFocus = block === document.activeElement;
    preview();
    this.grid.layout();
    if (hadFocus) block.focus();
    block.classList.add("is-saving");
    this.announce(this.messages.saving);
    this.pending[id] = (this.pending[id] || 0) + 1;
    this.queue.add(async () => {
      const result = await this.send(path, body);
      this.pending[id]--;
      if (result.ok) {
        if (!this.pending[id]) {
          this.board.apply(result.data);
          this.announce(result.data.message);
        }
        return true;
      }
      this.pending[id] = 0;
      this.putBack(id, result, before, hadFocus);
      this.announce(errorText(result.data, this.messages.error), true);
      return false;
    });
  }

  /* Refused: put the block back where the server says it is (or where it was before this change). */
  putBack(id, result, before, hadFocus) {
    if (result.data.session) {
      this.board.apply(result.data);
    } else if (result.status === 404) {
      this.board.remove(id);
    } else {
      const current = blockById(id);
      if (!current) return;
      setBlock(current, Number(before.start), Number(before.end));
      before.parent.appendChild(current);
      this.grid.layout();
      current.classList.remove("is-saving");
      if (hadFocus) current.focus();
    }
  }
}
