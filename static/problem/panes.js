// The workbench on wide screens (style.css, 1024 px and up): the problem beside the code, the code above what
// runs show, and the page itself does not scroll. Each separator follows the WAI-ARIA window splitter pattern:
// drag it, or focus it and press the arrow keys (with Shift for larger steps), Home or End. The sizes, in
// percent, are kept in this browser and shared by every problem.

const KEY = "autograd-playground-layout"; // not under storage.js's prefix: it is no problem's progress
// Each pane's size in percent of the space it shares with its neighbour: [smallest, default, largest].
const SIZES = { statement: [20, 40, 65], workspace: [20, 62, 85] };
const STEP = 2;
const BIG_STEP = 10;

function clamp(pane, percent) {
  const [smallest, , largest] = SIZES[pane];
  return Math.round(Math.min(largest, Math.max(smallest, percent)));
}

function loadSizes() {
  const sizes = Object.fromEntries(Object.entries(SIZES).map(([pane, [, usual]]) => [pane, usual]));
  try {
    const kept = JSON.parse(localStorage.getItem(KEY));
    for (const pane of Object.keys(SIZES)) {
      if (Number.isFinite(kept?.[pane])) sizes[pane] = clamp(pane, kept[pane]);
    }
  } catch {
    // blocked or damaged storage: the usual sizes
  }
  return sizes;
}

function saveSizes(sizes) {
  try {
    localStorage.setItem(KEY, JSON.stringify(sizes));
  } catch {
    // storage full or blocked: the sizes last until the page closes
  }
}

// layout: the <main class="layout"> holding the panes and their separators ([role=separator][data-pane]).
export function createPanes(layout, { signal }) {
  const sizes = loadSizes();
  const separators = [...layout.querySelectorAll("[role=separator][data-pane]")];

  function apply(pane, percent) {
    sizes[pane] = clamp(pane, percent);
    layout.style.setProperty(`--${pane}-size`, `${sizes[pane]}%`);
    const separator = separators.find((each) => each.dataset.pane === pane);
    separator.setAttribute("aria-valuenow", String(sizes[pane]));
  }

  for (const separator of separators) {
    const pane = separator.dataset.pane;
    const vertical = separator.getAttribute("aria-orientation") === "vertical";
    separator.setAttribute("aria-valuemin", String(SIZES[pane][0]));
    separator.setAttribute("aria-valuemax", String(SIZES[pane][2]));
    apply(pane, sizes[pane]);

    // The percent at the pointer: of the span from the pane's start to its neighbour's end.
    const percentAt = (event) => {
      const start = separator.previousElementSibling.getBoundingClientRect();
      const end = separator.nextElementSibling.getBoundingClientRect();
      return vertical ? (100 * (event.clientX - start.left)) / (end.right - start.left)
        : (100 * (event.clientY - start.top)) / (end.bottom - start.top);
    };
    const on = (type, listener) => separator.addEventListener(type, listener, { signal });
    on("pointerdown", (event) => {
      if (event.button !== 0) return;
      separator.setPointerCapture(event.pointerId);
      separator.dataset.dragging = "";
      event.preventDefault(); // no text selection while dragging
    });
    on("pointermove", (event) => {
      if (separator.hasPointerCapture(event.pointerId)) apply(pane, percentAt(event));
    });
    const drop = () => {
      if (!("dragging" in separator.dataset)) return;
      delete separator.dataset.dragging;
      saveSizes(sizes);
    };
    on("pointerup", drop);
    on("lostpointercapture", drop);
    on("keydown", (event) => {
      const step = event.shiftKey ? BIG_STEP : STEP;
      const moves = vertical ? { ArrowLeft: -step, ArrowRight: step } : { ArrowUp: -step, ArrowDown: step };
      const [smallest, , largest] = SIZES[pane];
      const to = { ...Object.fromEntries(Object.entries(moves).map(([key, by]) => [key, sizes[pane] + by])),
        Home: smallest, End: largest }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      apply(pane, to);
      saveSizes(sizes);
    });
  }
}
