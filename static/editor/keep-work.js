// Saving the learner's code so that nothing they wrote is ever lost or overwritten:
// - a tab writes only what was changed in it, so closing a tab that sat on old code never writes it;
// - when another tab saves this problem, this one stops saving and asks: load that version, or keep mine;
// - when a save fails (storage full or blocked), the status line says so at once, and a bar offers
//   "Copy code" until a save works again; leaving the page then asks first.
// Every listener it adds goes when signal aborts (the learner opens another problem); the code is saved first.

import { loadCode, saveCode, watchCode } from "../track/storage.js";

// bars: {conflict, loadOther, keepMine, failed, copy}: elements of the problem's view. tell(text): the status line.
export function keepWork({ problemId, editor, bars, tell, signal, delayMs = 300 }) {
  let stored = loadCode(problemId); // what storage holds, as far as this tab knows
  let changed = false; // the code was changed in this tab since it was last saved or loaded
  let conflict = false; // another tab saved different code; nothing is saved here until the learner chooses
  let held = false; // code from a share link is on show: nothing is saved until the learner keeps it or not
  let timer = null;

  const unsaved = () => !held && changed && editor.getCode() !== stored;

  function failed(yes) {
    if (yes && bars.failed.hidden) tell("Your code could not be saved: this browser's storage is full or blocked. "
      + "Use Copy code to keep it.");
    else if (!yes && !bars.failed.hidden) tell("Your code is saved again.");
    bars.failed.hidden = !yes;
  }

  function flush() {
    clearTimeout(timer);
    timer = null;
    if (conflict || !unsaved()) return;
    const code = editor.getCode();
    const saved = saveCode(problemId, code);
    if (saved) [stored, changed] = [code, false];
    failed(!saved);
  }

  function resolve() {
    conflict = false;
    bars.conflict.hidden = true;
  }

  watchCode(problemId, (code) => {
    stored = code;
    conflict = code !== editor.getCode();
    bars.conflict.hidden = !conflict;
  }, signal);
  signal.addEventListener("abort", flush, { once: true });

  const on = (target, type, listener) => target.addEventListener(type, listener, { signal });

  on(bars.loadOther, "click", () => {
    resolve();
    editor.replaceAll(stored); // one step in the undo history: Ctrl+Z brings this tab's code back
    editor.focus();
    tell("Loaded the version from the other tab — press Ctrl+Z to undo.");
  });

  on(bars.keepMine, "click", () => {
    resolve();
    changed = true; // this tab's code is written now, over the other tab's
    flush();
    editor.focus();
    if (bars.failed.hidden) tell("Kept your version; it is saved.");
  });

  on(bars.copy, "click", async () => {
    try {
      await navigator.clipboard.writeText(editor.getCode());
      tell("Your code is copied: paste it somewhere safe.");
    } catch { // no clipboard permission: select it, so Ctrl+C copies it
      editor.selectAll();
      tell("Your code is selected in the editor: press Ctrl+C to copy it.");
    }
  });

  on(window, "pagehide", flush);
  on(document, "visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  on(window, "beforeunload", (event) => {
    flush();
    if (unsaved()) event.preventDefault(); // the browser asks "Leave site?"
  });

  return {
    schedule() { // the code changed in this tab
      changed = true;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    hold() {
      held = true;
    },
    get held() {
      return held;
    },
    release({ keep }) { // keep: the code on show is saved now; otherwise it is the saved code again
      held = false;
      changed = keep;
      flush();
    },
  };
}
