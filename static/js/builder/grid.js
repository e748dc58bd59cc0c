/* The timetable on the page: rooms as columns, minutes as pixels, the hours down the side, and overlapping
   sessions of a room side by side. A conference without rooms has no grid: then there are no columns. */

import { DAY, SLOT, shownClock, shownRange, snap } from "./time.js";

export const blockById = (id) => document.getElementById(`session-${id}`);

/* A block's times, in its data, its place on the grid and its label. */
export function setBlock(block, start, end) {
  block.dataset.start = start;
  block.dataset.end = end;
  block.style.setProperty("--start", start);
  block.style.setProperty("--end", Math.min(Math.max(end, start + SLOT), DAY));
  showRange(block, start, end);
}

/* The label of a block being dragged or resized follows the pointer. */
export function showRange(block, start, end) {
  const time = block.querySelector(".tt-time");
  if (time && time.firstChild) time.firstChild.textContent = shownRange(start, end);
}

export class Grid {
  constructor(element) {
    this.element = element;
  }

  get first() {
    return Number(this.element.dataset.first);
  }

  /* Pixels per minute, as builder.css sets them. */
  ppm() {
    return parseFloat(getComputedStyle(this.element).getPropertyValue("--ppm")) || 1.6;
  }

  columns() {
    return this.element ? Array.from(this.element.querySelectorAll(".tt-col")) : [];
  }

  column(roomId) {
    return this.element && this.element.querySelector(`.tt-col[data-room-id="${roomId}"]`);
  }

  columnAt(x) {
    return this.columns().find((col) => {
      const rect = col.getBoundingClientRect();
      return x >= rect.left && x < rect.right;
    });
  }

  /* The minute of the day at the dragged block's top edge, over a column. */
  dropMinute(block, col) {
    const offset = block.getBoundingClientRect().top - col.getBoundingClientRect().top;
    return this.first + snap(offset, this.ppm());
  }

  /* The slot under a click on a column's empty part. */
  slotAt(col, clientY) {
    const rect = col.getBoundingClientRect();
    return this.first + Math.floor((clientY - rect.top) / this.ppm() / SLOT) * SLOT;
  }

  /* The hours shown, first to last (minutes of the day, whole hours). */
  setRange(first, last) {
    const grid = this.element;
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

  /* More hours when a session lands outside those shown. */
  widenRange(startMinute, endMinute) {
    const first = this.first;
    const last = Number(this.element.dataset.last);
    const newFirst = Math.min(first, Math.floor(startMinute / 60) * 60);
    const newLast = Math.max(last, Math.min(DAY, Math.ceil(endMinute / 60) * 60));
    if (newFirst !== first || newLast !== last) this.setRange(newFirst, newLast);
  }

  layout() {
    this.columns().forEach(layoutColumn);
  }
}

/* Overlapping blocks of a room sit side by side (as the server lays them out at first). */
function layoutColumn(col) {
  const blocks = Array.from(col.querySelectorAll(".tt-block")).sort(
    (a, b) => a.dataset.start - b.dataset.start || a.dataset.sessionId - b.dataset.sessionId,
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
