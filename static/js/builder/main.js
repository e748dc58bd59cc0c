/* The organiser's timetable (templates/agenda/builder/grid.html): drag to move, drag the bottom edge to
   resize, keys and buttons that do the same, a quick form to create or edit in place, and undo. Every change
   is sent to the server, which validates and saves it and answers with the block as saved and the
   programme's conflicts; the page shows exactly that. ES modules, no build step; interact.js is the page's
   vendor script (window.interact). */

import { attachKeys, attachToolbar, makeAct } from "./actions.js";
import { Board } from "./board.js";
import { Changes } from "./changes.js";
import { attachClicks } from "./clicks.js";
import { QuickForm } from "./dialog.js";
import { attachDrag } from "./drag.js";
import { Grid } from "./grid.js";
import { Moves } from "./moves.js";
import { Queue } from "./queue.js";
import { Selection } from "./selection.js";
import { makeSend } from "./server.js";
import { makeAnnounce } from "./status.js";
import { UndoButton, attachUndo } from "./undo.js";

function readMessages(data) {
  return {
    error: data.errorMessage,
    saving: data.savingMessage,
    firstRoom: data.firstRoomMessage,
    lastRoom: data.lastRoomMessage,
    shortest: data.shortestMessage,
  };
}

function boot(builder) {
  document.body.classList.add("builder-js");
  const $ = (id) => document.getElementById(id);
  const day = builder.dataset.day;
  const messages = readMessages(builder.dataset);
  const grid = new Grid($("timetable"));
  const announce = makeAnnounce($("builder-status"));
  const { baseUrl, csrf } = builder.dataset;
  const send = makeSend({ base: baseUrl, csrfToken: csrf, errorMessage: messages.error });
  const queue = new Queue();
  const toolbar = $("tt-toolbar");
  const title = $("tt-selected-title");
  const selection = new Selection({ toolbar, title });
  const undoForm = $("undo-form");
  const board = new Board({
    day,
    grid,
    roomless: $("roomless-list"),
    selection,
    conflictsPanel: $("conflicts"),
    undoButton: new UndoButton(undoForm, $("undo-label")),
  });
  const changes = new Changes({ queue, send, board, grid, announce, messages });
  const moves = new Moves({ day, grid, changes, announce, messages });
  const quickForm = new QuickForm({ dialog: $("session-dialog"), day, queue, send, board, announce, messages });
  const act = makeAct({ grid, moves, edit: (block) => quickForm.open(block), announce, messages });

  attachKeys(builder, { act, selection });
  attachToolbar({ toolbar, title, act, selection });
  attachUndo({ form: undoForm, queue, send, board, announce, messages });
  const scroller = document.querySelector(".tt-scroll");
  attachDrag({ interact: window.interact, builder, grid, scroller, selection, moves });
  attachClicks({ builder, grid, newButton: $("new-session"), quickForm });
}

const builder = document.getElementById("builder");
if (builder) boot(builder);
