// The toolbar's status line (a polite live region): what Python is doing, a run's progress, or a reply to
// something the learner did ("Reset to starter — press Ctrl+Z to undo."). A reply stays until their next run
// or Stop: Python's own news ("Loading pytest…", "Ready") does not replace it.

export function createStatusLine(element) {
  let replying = false;
  return {
    say(text) { // a run's progress
      replying = false;
      element.textContent = text;
    },
    tell(text) { // a reply that stays
      replying = true;
      element.textContent = text;
    },
    newRun() { // the learner's next run or Stop ends a reply
      replying = false;
    },
    python(text) { // Python's state
      if (!replying) element.textContent = text;
    },
  };
}
