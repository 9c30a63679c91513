// Text that came from the learner's code (what it printed, its exceptions), made safe to read: it is
// always inserted as text, never HTML, and this makes the characters that would hide or rearrange
// what is shown visible instead. ANSI colour codes go; a lone \r (which a terminal uses to overwrite
// a line) becomes ␍ and a line break; other control characters become their ␀–␟ symbols; bidi
// controls, which can reverse the text after them (U+202E), are shown as ⟨U+202E⟩.

const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g; // all but \t and \n (\r is handled first)

const codePoint = (char) => `⟨U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`;
const controlPicture = (char) => (char === "\x7f" ? "␡" : String.fromCodePoint(0x2400 + char.charCodeAt(0)));

export function visibleText(text) {
  if (!text) return text ?? "";
  return String(text)
    .replace(ANSI, "")
    .replace(/\r\n/g, "\n")
    .replace(/\r/g, "␍\n")
    .replace(CONTROL, controlPicture)
    .replace(BIDI, codePoint);
}

// A message as parts, its `code` spans marked: [{text, code}], for a view to put each in as text (a <code> element
// for a code span). A lone backtick stays as it is.
export function codeParts(text) {
  return visibleText(text).split(/`([^`\n]+)`/)
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((part) => part.text);
}
