/* The page's parts other than the result screen and the search: which view shows, the status bar, the
   scan point chooser, the list of recent scans, short notices. */

const VIEWS = ["unpaired", "points", "scanner"];

export class Ui {
  constructor(root, messages, format) {
    this.root = root;
    this.m = messages;
    this.format = format;
    this.el = (id) => root.querySelector(`#ci-${id}`);
    this.toastTimer = 0;
  }

  showView(name) {
    this.root.dataset.view = name;
    for (const view of VIEWS) this.el(view).hidden = view !== name;
    this.el("point-button").hidden = name !== "scanner";
  }

  get view() {
    return this.root.dataset.view;
  }

  setConnection(state, queued) {
    this.root.dataset.connection = state;
    this.el("connection").textContent = this.m.connection[state];
    const queue = this.el("queue");
    queue.hidden = !queued;
    queue.textContent = queued ? this.m.queued.replace("{count}", queued) : "";
  }

  setPoint(point) {
    this.el("point-label").textContent = point ? pointParts(point).title : "";
  }

  renderPoints(points, currentId, onChoose, note = null) {
    const list = this.el("point-list");
    this.el("points-note").textContent = note || (points.length ? this.m.choosePoint : this.m.pointsLoading);
    list.replaceChildren(
      ...points.map((point) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "ci-point";
        button.dataset.point = point.id;
        if (point.id === currentId) button.setAttribute("aria-current", "true");
        const parts = pointParts(point);
        const label = document.createElement("span");
        label.className = "ci-point-name";
        label.textContent = parts.title;
        if (parts.detail) {
          const detail = document.createElement("span");
          detail.className = "ci-point-detail";
          detail.textContent = parts.detail;
          label.prepend(detail);
        }
        button.append(label);
        if (point.count != null || point.capacity != null) {
          const count = document.createElement("span");
          count.className = "ci-point-count";
          count.textContent = point.capacity != null
            ? this.m.pointCount.replace("{count}", point.count || 0).replace("{capacity}", point.capacity)
            : this.m.pointCountOpen.replace("{count}", point.count || 0);
          button.append(count);
        }
        button.addEventListener("click", () => onChoose(point));
        item.append(button);
        return item;
      }),
    );
  }

  renderRecent(entries) {
    const list = this.el("recent-list");
    this.el("recent-empty").hidden = entries.length > 0;
    list.replaceChildren(...entries.map((entry) => this.recentItem(entry)));
  }

  recentItem(entry) {
    const { answer } = entry;
    const item = document.createElement("li");
    item.className = "ci-recent-item";
    item.dataset.colour = entry.pending ? "pending" : answer.colour;
    item.dataset.scan = entry.id;
    const who = document.createElement("span");
    who.className = "ci-recent-who";
    who.textContent = answer.registration ? answer.registration.name : entry.code;
    const what = document.createElement("span");
    what.className = "ci-recent-what";
    const result = (this.m.results[entry.pending ? "pending" : answer.result] || this.m.results.unknown_code).title;
    what.textContent = `${result} · ${this.format.moment(entry.scanned_at)}`;
    const state = document.createElement("span");
    state.className = "ci-recent-state";
    state.dataset.state = entry.undone ? "undone" : entry.queued ? "queued" : "sent";
    state.textContent = this.m.scanState[state.dataset.state];
    item.append(who, what, state);
    return item;
  }

  setCacheNote(count, serverTime) {
    const note = this.el("cache-note");
    if (count == null) {
      note.textContent = this.m.noList;
      return;
    }
    note.textContent = this.format
      .count(this.m.cached, count)
      .replace("{time}", serverTime ? this.format.moment(serverTime) : "—");
  }

  setUndo(entry) {
    const button = this.el("undo");
    button.disabled = !entry;
    button.title = entry && entry.answer.registration ? entry.answer.registration.name : "";
  }

  camera(state, note) {
    this.el("camera").dataset.state = state;
    this.el("camera-note").textContent = note || "";
    const toggle = this.el("camera-toggle");
    const running = state !== "off";
    toggle.setAttribute("aria-pressed", running ? "true" : "false");
    toggle.textContent = running ? this.m.cameraOff : this.m.cameraOn;
  }

  authProblem(text) {
    const problem = this.el("auth-problem");
    problem.textContent = text || "";
    problem.hidden = !text;
  }

  toast(text) {
    const toast = this.el("toast");
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      toast.hidden = true;
    }, 3500);
  }
}

/* A session's point is labelled "<when> · <title> · <room>" by the API: the title stands out. */
export function pointParts(point) {
  const parts = point.label.split(" · ");
  if (!point.id.startsWith("session:") || parts.length < 2) return { title: point.label, detail: "" };
  const room = parts.length > 2 ? parts.pop() : "";
  const when = parts.shift();
  return { title: parts.join(" · "), detail: [when, room].filter(Boolean).join(" · ") };
}
