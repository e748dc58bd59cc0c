/* A distinct sound per colour (WebAudio, no files): one high beep for green, two middle ones for amber, a low
   buzz for red, so that the volunteer hears the answer without looking. */

const TONES = {
  green: [{ frequency: 1046, start: 0, length: 0.14, type: "sine" }],
  amber: [
    { frequency: 698, start: 0, length: 0.12, type: "triangle" },
    { frequency: 698, start: 0.18, length: 0.12, type: "triangle" },
  ],
  red: [
    { frequency: 196, start: 0, length: 0.22, type: "square" },
    { frequency: 147, start: 0.26, length: 0.34, type: "square" },
  ],
};

let context = null;

/* Browsers start audio only after a tap or a key press: called from those events. */
export function unlockAudio() {
  const AudioContext = window.AudioContext || window.webkitAudioContext;
  if (!AudioContext) return;
  if (!context) context = new AudioContext();
  if (context.state === "suspended") context.resume().catch(() => {});
}

export function beep(colour) {
  if (!context || context.state !== "running") return;
  const now = context.currentTime;
  for (const tone of TONES[colour] || []) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = tone.type;
    oscillator.frequency.value = tone.frequency;
    const begin = now + tone.start;
    const end = begin + tone.length;
    gain.gain.setValueAtTime(0.0001, begin);
    gain.gain.exponentialRampToValueAtTime(0.25, begin + 0.01);
    gain.gain.setValueAtTime(0.25, end - 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, end);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(begin);
    oscillator.stop(end + 0.02);
  }
}
