// The toolbar's status line (a polite live region): what Python is doing, a run's progress, or a reply to
// something the learner did ("Reset to starter — press Ctrl+Z to undo."). A reply stays until their next run
// or Stop: Python's own news ("Loading pytest…", "Ready") does not replace it.

export function createStatusLine(element) {
  let replying = false;
  // Python's news comes up to once a percent while it loads: the same words are not written (and announced) again.
  const show = (text) => { if (element.textContent !== text) element.textContent = text; };
  return {
    say(text) { // a run's progress
      replying = false;
      show(text);
    },
    tell(text) { // a reply that stays
      replying = true;
      element.textContent = text;
    },
    newRun() { // the learner's next run or Stop ends a reply
      replying = false;
    },
    python(text) { // Python's state
      if (!replying) show(text);
    },
  };
}
