// The code editor: CodeMirror 6 with Python, Tab to indent, Ctrl/Cmd+Enter to run, colours from CSS.

import { basicSetup } from "codemirror";
import { Decoration, EditorView, keymap } from "@codemirror/view";
import { EditorSelection, Prec, StateEffect, StateField } from "@codemirror/state";
import { indentWithTab, isolateHistory } from "@codemirror/commands";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { tags as t } from "@lezer/highlight";

// Every colour is a CSS variable from style.css, so the editor follows the light/dark theme.
const theme = EditorView.theme({
  "&": { color: "var(--code-fg)", backgroundColor: "var(--code-bg)", height: "100%" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--code-fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--code-fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
    { backgroundColor: "var(--code-selection)" },
  ".cm-gutters": { backgroundColor: "var(--code-gutter-bg)", color: "var(--code-gutter-fg)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--code-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--code-active-line)", color: "var(--code-fg)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--code-bracket)", outline: "1px solid var(--code-gutter-fg)" },
  ".cm-tooltip": { backgroundColor: "var(--surface)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-panels": { backgroundColor: "var(--surface)", color: "var(--fg)" },
});

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword],
    color: "var(--syn-keyword)" },
  { tag: [t.string, t.special(t.string)], color: "var(--syn-string)" },
  { tag: [t.number, t.bool, t.null], color: "var(--syn-number)" },
  { tag: [t.comment, t.lineComment, t.docString], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)], color: "var(--syn-definition)" },
  { tag: [t.className, t.escape], color: "var(--syn-builtin)" },
  { tag: t.invalid, color: "var(--syn-invalid)" },
]);

// "Show line N": the line is marked (style.css flashes it) until the code changes or another line is shown.
const showLine = StateEffect.define();
const shownLine = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(showLine)) return Decoration.set([Decoration.line({ class: "cm-shown-line" }).range(effect.value)]);
    }
    return transaction.docChanged ? Decoration.none : marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

// The editor's colours and highlighting, for other views of code (problem/compare-view.js).
export const codeLook = [theme, syntaxHighlighting(highlight)];

export function createEditor(parent, { doc, onChange, onRun, describedBy }) {
  const runKey = () => {
    onRun();
    return true;
  };
  const view = new EditorView({
    parent,
    doc,
    extensions: [
      basicSetup,
      python(),
      indentUnit.of("    "), // PEP 8's four spaces (CodeMirror's default is two)
      EditorView.lineWrapping, // a long line wraps: no sideways scrolling, on a phone least of all
      // Tab indents; Esc then Tab still leaves the editor (CodeMirror's built-in escape hatch).
      keymap.of([indentWithTab]),
      // Above basicSetup, whose Mod-Enter would insert a blank line.
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: runKey }])),
      theme,
      syntaxHighlighting(highlight),
      shownLine,
      EditorView.contentAttributes.of({
        "aria-label": "Your code (Python)",
        // Already tabbable as contenteditable; saying so lets checkers see the scroller is reachable.
        tabindex: "0",
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange?.();
      }),
    ],
  });

  return {
    view,
    getCode: () => view.state.doc.toString(),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
    selectAll() {
      view.dispatch({ selection: EditorSelection.single(0, view.state.doc.length) });
      view.focus();
    },

    // One transaction of its own in the undo history: Ctrl+Z brings the previous code back.
    replaceAll(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(0),
        annotations: isolateHistory.of("full"),
        userEvent: "input.replace",
        scrollIntoView: true,
      });
    },

    // The line in the middle of the editor, the cursor at its start, and the line flashed. A cursor, not the line
    // selected: a selection would light up every identical line (another `def _backward():`) as a match.
    goToLine(number) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(1, number), doc.lines));
      view.dom.scrollIntoView({ block: "nearest" }); // the editor itself in view: the page may be at the results
      view.dispatch({
        selection: EditorSelection.cursor(line.from),
        effects: [EditorView.scrollIntoView(line.from, { y: "center" }), showLine.of(line.from)],
      });
      view.focus();
    },
  };
}
