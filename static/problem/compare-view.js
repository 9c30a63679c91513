// The learner's code beside the reference solution, differences marked: CodeMirror's merge view, read-only.
// A chunk of its own, loaded only when the learner asks to compare (reference.js).

import { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { python } from "@codemirror/lang-python";
import { codeLook } from "../editor/editor.js";

function side(doc, label) {
  return {
    doc,
    extensions: [
      lineNumbers(),
      python(),
      codeLook,
      EditorView.lineWrapping, // two columns side by side: long lines wrap rather than hide
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      // Not editable, but reachable: a keyboard user can still scroll through it.
      EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
    ],
  };
}

// Fills parent; returns {differences (how many changed parts), destroy()}.
export function showComparison(parent, { mine, reference }) {
  const view = new MergeView({
    parent,
    a: side(mine, "Your code (a read-only copy)"),
    b: side(reference, "The reference solution"),
    gutter: true, // a mark beside each changed line, not colour alone
  });
  return { differences: view.chunks.length, destroy: () => view.destroy() };
}
