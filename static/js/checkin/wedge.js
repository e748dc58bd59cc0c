/* Keyboard-wedge scanners (USB or Bluetooth) type the code and press Enter. The code field keeps the focus
   whenever nothing else needs it (inputmode="none": no on-screen keyboard pops up on a phone), and keys
   typed while something else has the focus (a button, the result screen) are collected all the same. */

const KEY_GAP_MS = 1000; // a scanner types a whole code well within this

export function attachWedge({ form, input, isBusy, onCode }) {
  let buffer = "";
  let lastKey = 0;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = input.value;
    input.value = "";
    if (code.trim()) onCode(code);
  });

  document.addEventListener(
    "keydown",
    (event) => {
      if (isBusy() || event.target === input || isTextField(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const now = Date.now();
      if (now - lastKey > KEY_GAP_MS) buffer = "";
      lastKey = now;
      if (event.key === "Enter" && buffer) {
        event.preventDefault(); // not a click on the focused button
        const code = buffer;
        buffer = "";
        onCode(code);
      } else if (event.key.length === 1 && event.key !== " ") {
        buffer += event.key;
      }
    },
    true,
  );

  const refocus = () => {
    setTimeout(() => {
      const active = document.activeElement;
      if (isBusy() || input.offsetParent === null) return;
      if (!active || active === document.body || active === document.documentElement) {
        input.focus({ preventScroll: true });
      }
    }, 0);
  };
  document.addEventListener("focusout", refocus);
  document.addEventListener("click", refocus);
  return { focus: () => refocus() };
}

function isTextField(element) {
  return Boolean(element && element.matches && element.matches("input, textarea, select, [contenteditable]"));
}
