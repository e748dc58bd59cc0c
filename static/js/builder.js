// The organiser's timetable: drag to move, drag the bottom edge to resize, keys and buttons that do the same,
// a quick form to create or edit in place, and undo. Every change is sent to the server, which validates
// and saves it and answers with the block as saved and the programme's conflicts; the page shows exactly that.
(function () {
  "use strict";

  const builder = document.getElementById("builder");
  if (!builder) return;
  document.body.classList.add("builder-js");

  const SLOT = 5; // minutes: everything snaps to this
  const DAY = 24 * 60;
  const grid = document.getElementById("timetable");
  const scroller = document.querySelector(".tt-scroll");
  const statusLine = document.getElementById("builder-status");
  const conflictsPanel = document.getElementById("conflicts");
  const undoForm = document.getElementById("undo-form");
  const undoLabel = document.getElementById("undo-label");
  const toolbar = document.getElementById("tt-toolbar");
  const selectedTitle = document.getElementById("tt-selected-title");
  const roomless = document.getElementById("roomless-list");
  const dialog = document.getElementById("session-dialog");
  const dialogForm = document.getElementById("session-dialog-form");
  const day = builder.dataset.day;
  const base = builder.dataset.baseUrl;
  const text = builder.dataset;
  let selectedId = null;
  let dialogOpener = null;

  // Helpers

  const pad = (n) => String(n).padStart(2, "0");
  const clock = (minutes) => pad(Math.floor(minutes / 60) % 24) + ":" + pad(minutes % 60); // for inputs
  const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
  });
  // A minute of the day as the server writes times (the reader's locale), for labels while dragging.
  const shownClock = (minutes) => timeFormat.format(new Date(Date.UTC(2000, 0, 1, 0, minutes)));
  const shownRange = (start, end) => shownClock(start) + " – " + shownClock(end) + " ";
  const ppm = () => parseFloat(getComputedStyle(grid).getPropertyValue("--ppm")) || 1.6;
  const blockById = (id) => document.getElementById("session-" + id);
  const column = (roomId) => grid && grid.querySelector('.tt-col[data-room-id="' + roomId + '"]');
  const columns = () => (grid ? Array.from(grid.querySelectorAll(".tt-col")) : []);

  // "YYYY-MM-DDTHH:MM" in the conference's zone for a minute of the shown day (past 1440 = the next day).
  function stamp(dayIso, minutes) {
    const [y, m, d] = dayIso.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d) + Math.floor(minutes / DAY) * 86400000);
    const rest = ((minutes % DAY) + DAY) % DAY;
    return date.toISOString().slice(0, 10) + "T" + clock(rest);
  }

  function announce(message, isError) {
    statusLine.textContent = message || "";
    statusLine.classList.toggle("is-error", Boolean(isError));
  }

  async function send(path, body) {
    let response;
    try {
      response = await fetch(base + path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": text.csrf },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch (error) {
      return { ok: false, data: { error: text.errorMessage } };
    }
    let data;
    try {
      data = await response.json();
    } catch (error) {
      data = { error: text.errorMessage };
    }
    return { ok: response.ok, status: response.status, data: data };
  }

  // Showing what the server answered

  function setRange(first, last) {
    grid.style.setProperty("--first", first);
    grid.style.setProperty("--last", last);
    grid.dataset.first = first;
    grid.dataset.last = last;
    const times = grid.querySelector(".tt-times");
    times.textContent = "";
    for (let hour = first / 60; hour < last / 60; hour++) {
      const label = document.createElement("span");
      label.style.setProperty("--at", hour * 60);
      label.textContent = shownClock(hour * 60);
      times.appendChild(label);
    }
  }

  function widenRange(startMinute, endMinute) {
    const first = Number(grid.dataset.first);
    const last = Number(grid.dataset.last);
    const newFirst = Math.min(first, Math.floor(startMinute / 60) * 60);
    const newLast = Math.max(last, Math.min(DAY, Math.ceil(endMinute / 60) * 60));
    if (newFirst !== first || newLast !== last) setRange(newFirst, newLast);
  }

  // Overlapping blocks of a room sit side by side (as the server lays them out at first).
  function layoutColumn(col) {
    const blocks = Array.from(col.querySelectorAll(".tt-block")).sort(
      (a, b) => a.dataset.start - b.dataset.start || a.dataset.sessionId - b.dataset.sessionId
    );
    let group = [];
    let laneEnds = [];
    let groupEnd = -1;
    const close = () => group.forEach((block) => block.style.setProperty("--lanes", laneEnds.length));
    blocks.forEach((block) => {
      const start = Number(block.dataset.start);
      const end = Math.min(Math.max(Number(block.dataset.end), start + SLOT), DAY);
      if (start >= groupEnd && group.length) {
        close();
        group = [];
        laneEnds = [];
      }
      let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
      if (lane < 0) lane = laneEnds.push(end) - 1;
      laneEnds[lane] = end;
      block.style.setProperty("--lane", lane);
      group.push(block);
      groupEnd = Math.max(groupEnd, end);
    });
    close();
  }

  const layoutAll = () => columns().forEach(layoutColumn);

  function placeSession(session) {
    const old = blockById(session.id);
    const hadFocus = old && old === document.activeElement;
    const template = document.createElement("template");
    template.innerHTML = session.html.trim();
    const block = template.content.firstElementChild;
    if (old) old.remove();
    if (session.day !== day) {
      if (String(session.id) === selectedId) select(null);
      return null;
    }
    const target = session.room_id && column(session.room_id);
    if (target) {
      target.appendChild(block);
      widenRange(session.start_minute, session.end_minute);
    } else if (roomless) {
      roomless.appendChild(block);
    }
    if (roomless) roomless.closest("section").hidden = !roomless.children.length;
    if (hadFocus) block.focus();
    if (String(session.id) === selectedId) select(block);
    return block;
  }

  function removeSession(id) {
    const block = blockById(id);
    if (block) block.remove();
    if (String(id) === selectedId) select(null);
  }

  function showConflicts(conflicts, html) {
    const messages = {};
    conflicts.forEach((conflict) =>
      conflict.session_ids.forEach((id) => (messages[id] = (messages[id] || []).concat(conflict.message)))
    );
    document.querySelectorAll(".tt-block").forEach((block) => {
      const own = messages[block.dataset.sessionId];
      block.classList.toggle("has-conflict", Boolean(own));
      let note = block.querySelector(".tt-conflict");
      if (own) {
        if (!note) {
          note = document.createElement("p");
          note.className = "tt-conflict";
          block.insertBefore(note, block.querySelector(".tt-resize"));
        }
        note.innerHTML = '<span aria-hidden="true">⚠</span> ';
        note.append(own.join(" "));
      } else if (note) {
        note.remove();
      }
    });
    if (typeof html === "string") conflictsPanel.innerHTML = html;
    conflictsPanel.classList.toggle("has-conflicts", conflicts.length > 0);
  }

  function setUndo(undo) {
    undoForm.hidden = !undo;
    undoLabel.textContent = undo ? undo.label : "";
  }

  function apply(data) {
    let block = null;
    if (data.removed) removeSession(data.removed);
    if (data.session) block = placeSession(data.session);
    if (data.conflicts) showConflicts(data.conflicts, data.conflicts_html);
    if ("undo" in data) setUndo(data.undo);
    layoutAll();
    return block;
  }

  function errorText(data) {
    const fields = data.errors ? Object.values(data.errors) : [];
    return fields.length ? fields.join(" ") : data.error || text.errorMessage;
  }

  // Changes go to the server one at a time, in the order they were made. The page shows each at once and
  // takes the server's word when a block's last answer is in; a refusal drops the changes queued behind it.
  let chain = Promise.resolve();
  let queued = 0;
  let dropping = false;
  const pendingFor = {};

  function enqueue(task) {
    queued++;
    chain = chain.then(async () => {
      try {
        if (!dropping && !(await task())) dropping = true;
      } finally {
        queued--;
        if (queued === 0) dropping = false;
      }
    });
    return chain;
  }

  function change(block, path, body, preview) {
    const id = block.dataset.sessionId;
    const before = { start: block.dataset.start, end: block.dataset.end, parent: block.parentNode };
    const hadFocus = block === document.activeElement;
    preview();
    layoutAll();
    if (hadFocus) block.focus();
    block.classList.add("is-saving");
    announce(text.savingMessage);
    pendingFor[id] = (pendingFor[id] || 0) + 1;
    enqueue(async () => {
      const result = dropping ? null : await send(path, body);
      pendingFor[id]--;
      if (result && result.ok) {
        if (!pendingFor[id]) {
          apply(result.data);
          announce(result.data.message);
        }
        return true;
      }
      pendingFor[id] = 0;
      if (!result) return false;
      // Refused: put the block back where the server says it is (or where it was before this change).
      if (result.data.session) {
        apply(result.data);
      } else if (result.status === 404) {
        removeSession(id);
      } else {
        const current = blockById(id);
        if (current) {
          setBlock(current, Number(before.start), Number(before.end));
          before.parent.appendChild(current);
          layoutAll();
          current.classList.remove("is-saving");
          if (hadFocus) current.focus();
        }
      }
      announce(errorText(result.data), true);
      return false;
    });
  }

  function setBlock(block, start, end) {
    block.dataset.start = start;
    block.dataset.end = end;
    block.style.setProperty("--start", start);
    block.style.setProperty("--end", Math.min(Math.max(end, start + SLOT), DAY));
    const time = block.querySelector(".tt-time");
    if (time && time.firstChild) time.firstChild.textContent = shownRange(start, end);
  }

  function moveTo(block, roomId, start) {
    const oldStart = Number(block.dataset.start);
    const duration = Number(block.dataset.end) - oldStart;
    start = Math.max(0, Math.min(DAY - SLOT, start));
    if (start === oldStart && String(roomId) === block.dataset.roomId) return;
    change(block, "sessions/" + block.dataset.sessionId + "/move", {
      room_id: Number(roomId),
      starts_at: stamp(day, start),
      ends_at: stamp(day, start + duration),
    }, () => {
      setBlock(block, start, start + duration);
      const target = column(roomId);
      if (target && target !== block.parentNode) target.appendChild(block);
    });
  }

  function resizeTo(block, end) {
    const start = Number(block.dataset.start);
    if (end - start < SLOT) {
      announce(text.shortestMessage, true);
      return;
    }
    if (end === Number(block.dataset.end)) return;
    change(block, "sessions/" + block.dataset.sessionId + "/resize", { ends_at: stamp(day, end) }, () =>
      setBlock(block, start, end)
    );
  }

  // Selection, keys and the toolbar

  function select(block) {
    document.querySelectorAll(".tt-block.is-selected").forEach((b) => b.classList.remove("is-selected"));
    selectedId = block ? block.dataset.sessionId : null;
    if (block) block.classList.add("is-selected");
    if (selectedTitle) selectedTitle.textContent = block ? block.dataset.title : selectedTitle.dataset.none;
    if (toolbar) {
      toolbar.querySelectorAll("button").forEach((button) => {
        button.disabled = !block || (!block.hasAttribute("data-draggable") && button.dataset.action !== "edit");
      });
    }
  }

  function act(block, action) {
    const start = Number(block.dataset.start);
    const end = Number(block.dataset.end);
    if (action === "edit") return openDialog(block);
    if (!block.hasAttribute("data-draggable")) return;
    const rooms = columns().map((col) => col.dataset.roomId);
    const index = rooms.indexOf(block.dataset.roomId);
    switch (action) {
      case "earlier":
        return moveTo(block, block.dataset.roomId, start - SLOT);
      case "later":
        return moveTo(block, block.dataset.roomId, start + SLOT);
      case "previous-room":
        if (index <= 0) return announce(text.firstRoomMessage, true);
        return moveTo(block, rooms[index - 1], start);
      case "next-room":
        if (index >= rooms.length - 1) return announce(text.lastRoomMessage, true);
        return moveTo(block, rooms[index + 1], start);
      case "shorter":
        return resizeTo(block, end - SLOT);
      case "longer":
        return resizeTo(block, end + SLOT);
    }
  }

  const KEYS = { ArrowUp: "earlier", ArrowDown: "later", ArrowLeft: "previous-room", ArrowRight: "next-room" };

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
    if (event.target.classList && event.target.classList.contains("tt-block")) select(event.target);
  });

  if (toolbar) {
    toolbar.hidden = false;
    selectedTitle.dataset.none = selectedTitle.textContent;
    select(null);
    toolbar.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      const block = selectedId && blockById(selectedId);
      if (button && block) act(block, button.dataset.action);
    });
  }

  // Undo: the button (a plain form without JavaScript) and Ctrl+Z / Cmd+Z.

  function undo() {
    announce(text.savingMessage);
    return enqueue(async () => {
      const result = await send("undo", {});
      apply(result.data);
      if (!result.ok) {
        announce(errorText(result.data), true);
        return true; // nothing was queued on top of an undo that could go wrong because of it
      }
      announce(result.data.message);
      const block = result.data.session && blockById(result.data.session.id);
      if (block) block.focus();
      return true;
    });
  }

  undoForm.addEventListener("submit", (event) => {
    event.preventDefault();
    undo();
  });

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, select, textarea, dialog");
    if (typing || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z" || event.shiftKey) return;
    if (undoForm.hidden) return;
    event.preventDefault();
    undo();
  });

  // Drag to move, drag the bottom edge to resize (interact.js); a click on a free slot creates a session.

  let suppressClick = false;

  function columnAt(x) {
    return columns().find((col) => {
      const rect = col.getBoundingClientRect();
      return x >= rect.left && x < rect.right;
    });
  }

  // The minute of the day at the dragged block's top edge, over a column.
  function dropMinute(block, col) {
    const offset = block.getBoundingClientRect().top - col.getBoundingClientRect().top;
    return Number(grid.dataset.first) + Math.round(offset / ppm() / SLOT) * SLOT;
  }

  if (grid && window.interact) {
    let drag = null;
    window
      .interact(".tt-block[data-draggable]")
      .draggable({
        ignoreFrom: ".tt-resize",
        autoScroll: { container: scroller },
        listeners: {
          start(event) {
            const block = event.target;
            select(block);
            block.classList.add("is-dragging");
            drag = { dx: 0, dy: 0, start: Number(block.dataset.start), end: Number(block.dataset.end) };
          },
          move(event) {
            if (!drag) return;
            const block = event.target;
            drag.dx += event.dx;
            drag.dy += event.dy;
            const minutes = Math.round(drag.dy / ppm() / SLOT) * SLOT;
            block.style.transform = "translate(" + drag.dx + "px, " + minutes * ppm() + "px)";
            const time = block.querySelector(".tt-time");
            if (time && time.firstChild) {
              time.firstChild.textContent = shownRange(drag.start + minutes, drag.end + minutes);
            }
            const over = columnAt(event.client.x);
            columns().forEach((col) => col.classList.toggle("is-drop-target", col === over));
          },
          end(event) {
            if (!drag) return;
            const block = event.target;
            const minutes = Math.round(drag.dy / ppm() / SLOT) * SLOT;
            const target = columnAt(event.client.x);
            // A session without a room comes from the list under the grid: it lands where it was dropped.
            const fromList = !block.dataset.roomId;
            const landed = fromList && target && dropMinute(block, target);
            block.style.transform = "";
            block.classList.remove("is-dragging");
            columns().forEach((col) => col.classList.remove("is-drop-target"));
            setBlock(block, drag.start, drag.end);
            drag = null;
            suppressClick = true;
            setTimeout(() => (suppressClick = false), 0);
            if (fromList) {
              if (target) moveTo(block, target.dataset.roomId, landed);
              return;
            }
            moveTo(block, target ? target.dataset.roomId : block.dataset.roomId, Number(block.dataset.start) + minutes);
          },
        },
      })
      .resizable({
        edges: { bottom: ".tt-resize" },
        listeners: {
          start(event) {
            select(event.target);
            event.target.classList.add("is-dragging");
          },
          move(event) {
            const block = event.target;
            const start = Number(block.dataset.start);
            const end = start + Math.max(SLOT, Math.round(event.rect.height / ppm() / SLOT) * SLOT);
            block.style.setProperty("--end", Math.min(end, DAY));
            block.dataset.resizeEnd = end;
            const time = block.querySelector(".tt-time");
            if (time && time.firstChild) time.firstChild.textContent = shownRange(start, end);
          },
          end(event) {
            const block = event.target;
            block.classList.remove("is-dragging");
            const end = Number(block.dataset.resizeEnd || block.dataset.end);
            delete block.dataset.resizeEnd;
            setBlock(block, Number(block.dataset.start), Number(block.dataset.end));
            suppressClick = true;
            setTimeout(() => (suppressClick = false), 0);
            resizeTo(block, end);
          },
        },
      });
  }

  builder.addEventListener(
    "click",
    (event) => {
      if (suppressClick) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true
  );

  builder.addEventListener("click", (event) => {
    const link = event.target.closest(".tt-title a");
    if (link) {
      event.preventDefault();
      return openDialog(link.closest(".tt-block"));
    }
    const block = event.target.closest(".tt-block");
    if (block) {
      block.focus();
      return;
    }
    const col = event.target.classList.contains("tt-col") ? event.target : null;
    if (col) {
      const rect = col.getBoundingClientRect();
      const first = Number(grid.dataset.first);
      const start = first + Math.floor((event.clientY - rect.top) / ppm() / SLOT) * SLOT;
      openDialog(null, { roomId: col.dataset.roomId, start: start, end: Math.min(start + 60, DAY) });
    }
  });

  document.getElementById("new-session").addEventListener("click", (event) => {
    event.preventDefault();
    const first = columns()[0];
    openDialog(null, { roomId: first ? first.dataset.roomId : "", start: 9 * 60, end: 10 * 60 });
  });

  // The quick form (create and edit in place)

  const field = (name) => dialogForm.elements[name];

  function clearErrors() {
    document.getElementById("dialog-errors").hidden = true;
    dialogForm.querySelectorAll("[data-error-for]").forEach((p) => {
      p.hidden = true;
      p.textContent = "";
      p.closest(".field").classList.remove("has-error");
    });
    dialogForm.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
  }

  function openDialog(block, fresh) {
    if (!dialog || typeof dialog.showModal !== "function") {
      if (block) window.location.href = block.dataset.editUrl;
      return;
    }
    clearErrors();
    dialogOpener = block || document.activeElement;
    const heading = document.getElementById("session-dialog-title");
    const fullForm = document.getElementById("dialog-full-form");
    dialogForm.dataset.sessionId = block ? block.dataset.sessionId : "";
    heading.textContent = block ? heading.dataset.edit : heading.dataset.new;
    fullForm.href = block ? block.dataset.editUrl : fullForm.dataset.newUrl;
    if (block) {
      field("title").value = block.dataset.title;
      field("type").value = block.dataset.type;
      field("status").value = block.dataset.status;
      field("track_id").value = block.dataset.trackId;
      field("room_id").value = block.dataset.roomId;
      field("day").value = block.dataset.day;
      field("start").value = clock(Number(block.dataset.start));
      field("end").value = clock(Number(block.dataset.end));
    } else {
      dialogForm.reset();
      field("room_id").value = fresh.roomId || "";
      field("day").value = day;
      field("start").value = clock(fresh.start);
      field("end").value = clock(fresh.end);
    }
    dialog.showModal();
    field("title").focus();
  }

  function dialogBody() {
    const dayValue = field("day").value;
    const start = field("start").value;
    const end = field("end").value;
    // "00:00" as an end is midnight at the close of the day.
    const endDay = end === "00:00" && start !== "00:00" && dayValue ? stamp(dayValue, DAY).slice(0, 10) : dayValue;
    return {
      title: field("title").value,
      type: field("type").value,
      status: field("status").value,
      track_id: field("track_id").value || null,
      room_id: field("room_id").value || null,
      starts_at: dayValue && start ? dayValue + "T" + start : "",
      ends_at: endDay && end ? endDay + "T" + end : "",
    };
  }

  dialogForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const id = dialogForm.dataset.sessionId;
    const body = dialogBody();
    let result = null;
    await enqueue(async () => {
      result = await send(id ? "sessions/" + id : "sessions", body);
      return true;
    });
    if (!result) return;
    if (result.ok) {
      dialogOpener = null; // focus goes to the saved block, not back to what opened the form
      dialog.close();
      const block = apply(result.data);
      announce(result.data.message);
      if (block) block.focus();
      return;
    }
    const errors = result.data.errors || {};
    let firstInvalid = null;
    Object.entries(errors).forEach(([name, message]) => {
      const target = dialogForm.querySelector('[data-error-for="' + name + '"]');
      if (!target) return;
      target.textContent = message;
      target.hidden = false;
      target.closest(".field").classList.add("has-error");
      const input = target.closest(".field").querySelector("input, select");
      input.setAttribute("aria-invalid", "true");
      firstInvalid = firstInvalid || input;
    });
    if (firstInvalid) {
      document.getElementById("dialog-errors").hidden = false;
      firstInvalid.focus();
    } else {
      announce(errorText(result.data), true);
      dialog.close();
    }
  });

  dialogForm.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (dialogOpener && document.contains(dialogOpener)) dialogOpener.focus();
    dialogOpener = null;
  });
})();
