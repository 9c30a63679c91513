// What each box of a drawn graph shows, and so how large it is: shared by the layout worker (which sizes the
// boxes for dagre) and the drawing (which fills them). No DOM here: this runs in a worker too.

export const FONT = 13; // px, monospace: a character is about 0.6em wide, so boxes can be sized without measuring
export const CHAR = FONT * 0.62;
export const LINE = 18;
export const PAD = 9;
const MAX_CHARS = 36; // "data -123456…123456 (5,001 digits)" fits

export function clip(text) {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}

// The lines under a box's label: data, grad, the doctor's flag, and in a summary the inputs left out.
// data, grad and expected arrive as Python's text for them (py/playground/doctor.py fmt).
export function nodeLines(node) {
  const flag = node.flag;
  const lines = [
    { field: "data", text: node.data, wrong: flag?.field === "data" },
    { field: "grad", text: node.grad, wrong: flag?.field === "grad" },
  ];
  if (flag) lines.push({ text: `⚠ ${flag.field} should be ${flag.expected}`, flag: true });
  if (node.hidden) lines.push({ text: `+${node.hidden} input${node.hidden === 1 ? "" : "s"} not shown`, more: true });
  return lines.map((line) => ({ ...line, text: clip(line.field ? `${line.field} ${line.text}` : line.text) }));
}

export function nodeSize(node, lines) {
  const head = clip(node.label || "?").length + (node.op ? clip(node.op).length + 3 : 0);
  const chars = Math.max(head, ...lines.map((line) => line.text.length), 6);
  return { width: Math.ceil(chars * CHAR + 2 * PAD), height: (lines.length + 1) * LINE + 2 * PAD - 2 };
}
