// The learner's code beside the reference solution, differences marked: CodeMirror's merge view, read-only.
// On a narrow screen, where two columns would hold a few words each, one column: the reference, with the
// learner's differing lines shown above the reference's (CodeMirror's unified merge view).
// A chunk of its own, loaded only when the learner asks to compare (reference.js).

import { MergeView, getChunks, unifiedMergeView } from "@codemirror/merge";
import { EditorSelection, EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { python } from "@codemirror/lang-python";
import { codeLook } from "../editor/editor.js";
import { diffIgnoringComments } from "./code-diff.js";

const NARROW = "(max-width: 40rem)";
// The merge view's default (scanLimit 500) gives up early on two files that differ in many small places, and
// then marks one long stretch as changed, hiding the line that matters. Our files are small: look harder, but
// never for longer than half a second (a huge paste).
const DIFF = { scanLimit: 20_000, timeout: 500 };

function readOnlyCode(label) {
  return [
    lineNumbers(),
    python(),
    codeLook,
    EditorView.lineWrapping, // long lines wrap rather than hide
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    // Not editable, but reachable: a keyboard user can still scroll through it.
    EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
  ];
}

// Fills parent. ignoreComments: differences in comments, docstrings and spaces inside lines are not marked.
// Returns {differences (how many changed parts), sideBySide, go(by): the number (from 1) of the change now
// shown, by going by +1 or -1 from the one shown last; destroy()}.
export function showComparison(parent, { mine, reference, ignoreComments }) {
  const diffConfig = ignoreComments ? { override: diffIgnoringComments } : DIFF;
  const narrow = matchMedia(NARROW).matches;
  const view = narrow ? oneColumn(parent, { mine, reference, diffConfig })
    : new MergeView({
      parent,
      a: { doc: mine, extensions: readOnlyCode("Your code (a read-only copy)") },
      b: { doc: reference, extensions: readOnlyCode("The reference solution") },
      gutter: true, // a mark beside each changed line, not colour alone
      diffConfig,
    });
  // The learner's side: the left column, or the one column (the reference, the learner's lines in its chunks).
  const [editor, chunks, side] = narrow ? [view, getChunks(view.state)?.chunks ?? [], "B"] : [view.a, view.chunks, "A"];
  let shown = -1;
  return {
    differences: chunks.length,
    sideBySide: !narrow,
    go(by) {
      if (!chunks.length) return 0;
      shown = (shown + by + chunks.length) % chunks.length;
      const chunk = chunks[shown];
      const [from, to] = [chunk[`from${side}`], chunk[`to${side}`]];
      editor.dispatch({ selection: { anchor: from },
        effects: EditorView.scrollIntoView(EditorSelection.range(from, to), { y: "center" }) });
      return shown + 1;
    },
    destroy: () => view.destroy(),
  };
}

function oneColumn(parent, { mine, reference, diffConfig }) {
  return new EditorView({
    parent,
    doc: reference,
    extensions: [
      readOnlyCode("The reference solution, with your differing lines above its own"),
      // Deleted lines in plain text: syntax colours on their red tint fall below readable contrast.
      unifiedMergeView({ original: mine, gutter: true, mergeControls: false, syntaxHighlightDeletions: false,
        diffConfig }),
    ],
  });
}
