/* The check-in page (templates/checkin/scan.html): wires the desk to the camera, the keyboard-wedge input,
   the search, the scan point chooser and the service worker. ES modules, no build step. */

import { CheckinApi } from "./api.js";
import { Camera } from "./camera.js";
import { Desk } from "./desk.js";
import { makeFormat } from "./format.js";
import { ResultView } from "./result.js";
import { Search } from "./search.js";
import { unlockAudio } from "./sound.js";
import { deleteStore, openStore } from "./store.js";
import { Sync } from "./sync.js";
import { Ui } from "./ui.js";
import { attachWedge } from "./wedge.js";

const SAME_CODE_PAUSE_MS = 3000; // a badge held in front of the camera counts once
const CACHE_PREFIX = "plenary-checkin";

function readJson(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

function storage(name, value) {
  try {
    if (value === undefined) return window.localStorage.getItem(name);
    if (value === null) window.localStorage.removeItem(name);
    else window.localStorage.setItem(name, value);
  } catch (error) {
    return null; // storage blocked: settings last until the page reloads
  }
  return null;
}

async function boot() {
  const config = readJson("checkin-config");
  const messages = readJson("checkin-messages");
  const root = document.getElementById("checkin");
  const $ = (id) => root.querySelector(`#ci-${id}`);
  const format = makeFormat(config);
  const ui = new Ui(root, messages, format);
  const api = new CheckinApi(config);

  if (!api.canAuthenticate()) {
    ui.showView("unpaired");
    return;
  }
  const store = await openStore(config.slug);
  const desk = new Desk({ config, messages, api, store, ui, result: null });
  let wedge = null;
  const refocus = () => wedge && wedge.focus();
  desk.result = new ResultView($("result"), {
    messages,
    format,
    onUndo: (scanId) => desk.undo(scanId),
    onClose: refocus,
  });
  desk.sync = new Sync(api, store, desk);
  const search = new Search($("search"), { desk, api, messages, format, onClose: refocus });
  wedge = attachWedge({
    form: $("wedge"),
    input: $("code"),
    isBusy: () => search.isOpen || ui.view !== "scanner",
    onCode: (code) => desk.scanCode(code),
  });

  // The camera

  let lastCode = null;
  let lastSeen = 0;
  const camera = new Camera($("video"), (code) => {
    const now = performance.now();
    const again = code === lastCode && now - lastSeen < SAME_CODE_PAUSE_MS;
    lastCode = code;
    lastSeen = now;
    if (!again && !search.isOpen && ui.view === "scanner") desk.scanCode(code);
  });
  const cameraKey = `plenary.checkin.camera.${config.slug}`;

  async function startCamera() {
    if (storage(cameraKey) === "off") {
      ui.camera("off", messages.cameraPaused);
      return;
    }
    ui.camera("starting", messages.cameraStarting);
    try {
      await camera.start();
      if (camera.running) ui.camera("on", "");
    } catch (error) {
      ui.camera("off", messages.cameraProblems[error.kind] || messages.cameraProblems.failed);
    }
  }

  $("camera-toggle").addEventListener("click", () => {
    if (camera.running) {
      camera.stop();
      storage(cameraKey, "off");
      ui.camera("off", messages.cameraPaused);
    } else {
      storage(cameraKey, null);
      startCamera();
    }
    refocus();
  });

  // No camera light while the phone is in a pocket or another app is open.
  let resumeCamera = false;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      resumeCamera = camera.running;
      camera.stop();
    } else if (resumeCamera && ui.view === "scanner") {
      resumeCamera = false;
      startCamera();
    }
  });

  // Scan points

  function showPoints() {
    const note = desk.points.length ? null : desk.isOffline() ? messages.needsConnection : null;
    ui.renderPoints(desk.points, desk.point && desk.point.id, choosePoint, note);
    ui.showView("points");
  }

  function choosePoint(point) {
    unlockAudio();
    desk.choosePoint(point);
    ui.showView("scanner");
    startCamera();
    refocus();
  }

  $("point-button").addEventListener("click", () => {
    camera.stop();
    showPoints();
  });
  let waitingForPoints = true; // until a list of points is known, from the cache or the first sync
  desk.onList = () => {
    const point = waitingForPoints ? desk.rememberedPoint() : null;
    waitingForPoints = false;
    if (point) choosePoint(point);
    else if (ui.view === "points") showPoints();
  };
  desk.onConnection = () => {
    if (ui.view === "points" && !desk.points.length) showPoints();
  };

  // The other buttons

  $("search-open").addEventListener("click", () => search.open());
  $("undo").addEventListener("click", () => desk.undo(null));
  $("forget").addEventListener("click", () => forgetDevice(config, messages, desk, camera, store));
  for (const type of ["pointerdown", "keydown"]) document.addEventListener(type, unlockAudio, { capture: true });
  desk.onBlocked = () => camera.stop();

  await desk.loadCache();
  desk.showConnection();
  ui.renderRecent(desk.recent);
  ui.setUndo(null);
  const remembered = desk.rememberedPoint(); // from the cached points: no waiting for the network
  waitingForPoints = desk.points.length === 0;
  if (remembered) choosePoint(remembered);
  else showPoints();
  registerServiceWorker(config);
  if (config.auth === "device") showDeviceName(api, store, desk, $("device-label"), messages);
  await desk.sync.start(desk.serverTime);
}

/* A paired device shows (and records local check-ins under) the label the organiser gave it. */
async function showDeviceName(api, store, desk, label, messages) {
  let name = await store.meta("device_name");
  try {
    name = (await api.whoami()).name;
    await store.setMeta({ device_name: name });
  } catch (error) {
    // offline: the name remembered from last time, if any
  }
  if (!name) return;
  desk.config.operator = name;
  label.textContent = messages.scanningAs.replace("{name}", name);
}

async function forgetDevice(config, messages, desk, camera, store) {
  const question = desk.queued ? desk.ui.format.count(messages.forgetQueued, desk.queued) : messages.forgetConfirm;
  if (!window.confirm(question)) return;
  camera.stop();
  desk.sync.stop();
  store.close();
  storage(config.tokenKey, null);
  storage(`plenary.checkin.point.${config.slug}`, null);
  await deleteStore(config.slug).catch(() => {});
  if (window.caches) {
    for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  }
  if (navigator.serviceWorker) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (new URL(registration.scope).pathname === config.scope) await registration.unregister();
    }
  }
  window.location.assign(config.homeUrl);
}

/* The service worker keeps this page and its files, so that it opens again without a network. */
function registerServiceWorker(config) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register(config.serviceWorker, { scope: config.scope })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name))
        .filter((url) => url.origin === window.location.origin && !url.pathname.startsWith("/api/"))
        .map((url) => url.pathname + url.search);
      registration.active.postMessage({ type: "cache", urls: [window.location.pathname, ...new Set(urls)] });
    })
    .catch((error) => console.warn("check-in: no service worker", error));
}

boot().catch((error) => {
  console.error(error);
  const toast = document.getElementById("ci-toast");
  toast.textContent = String(error && error.message ? error.message : error);
  toast.hidden = false;
});
