/* Camera scanning: getUserMedia (the rear camera when there is one) and jsQR (static/vendor/jsQR.js, from
   npm). Frames are decoded from requestAnimationFrame, at most every DECODE_EVERY_MS, on a copy scaled
   down to MAX_SIDE pixels: enough for a badge at 30 cm, and light on a phone's battery. */

const DECODE_EVERY_MS = 120;
const MAX_SIDE = 640;

export class CameraProblem extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // "insecure", "unsupported", "denied", "missing", "failed"
  }
}

export class Camera {
  constructor(video, onCode) {
    this.video = video;
    this.onCode = onCode;
    this.canvas = document.createElement("canvas");
    this.context2d = this.canvas.getContext("2d", { willReadFrequently: true });
    this.stream = null;
    this.wanted = false;
    this.generation = 0; // bumped by every start and stop: a camera opened for an older one is closed
    this.frame = 0;
    this.lastDecode = 0;
  }

  get running() {
    return this.wanted;
  }

  async start() {
    if (this.wanted) return;
    this.wanted = true;
    try {
      await this.open(++this.generation);
    } catch (error) {
      this.wanted = false;
      throw error;
    }
  }

  async open(generation) {
    if (!window.isSecureContext) throw new CameraProblem("insecure", "the camera needs HTTPS");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new CameraProblem("unsupported", "no getUserMedia");
    }
    if (typeof window.jsQR !== "function") throw new CameraProblem("unsupported", "jsQR did not load");
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (error) {
      const kind = { NotAllowedError: "denied", SecurityError: "denied", NotFoundError: "missing" }[error.name];
      throw new CameraProblem(kind || "failed", error.message);
    }
    if (generation !== this.generation) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.stream = stream;
    this.video.srcObject = stream;
    this.video.setAttribute("playsinline", "");
    await this.video.play().catch(() => {});
    this.frame = requestAnimationFrame((now) => this.tick(now));
  }

  stop() {
    this.wanted = false;
    this.generation += 1;
    cancelAnimationFrame(this.frame);
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    this.stream = null;
    this.video.srcObject = null;
  }

  tick(now) {
    if (!this.stream) return;
    this.frame = requestAnimationFrame((next) => this.tick(next));
    if (now - this.lastDecode < DECODE_EVERY_MS) return;
    if (this.video.readyState < this.video.HAVE_CURRENT_DATA || !this.video.videoWidth) return;
    this.lastDecode = now;
    const scale = Math.min(1, MAX_SIDE / Math.max(this.video.videoWidth, this.video.videoHeight));
    const width = Math.round(this.video.videoWidth * scale);
    const height = Math.round(this.video.videoHeight * scale);
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    this.context2d.drawImage(this.video, 0, 0, width, height);
    const image = this.context2d.getImageData(0, 0, width, height);
    const found = window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
    if (found && found.data) this.onCode(found.data);
  }
}
