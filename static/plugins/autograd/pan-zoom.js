// Pan and zoom for an SVG drawing, by moving its viewBox: drag to pan, wheel (once focused) or pinch to zoom;
// with the drawing focused, arrow keys pan, + / − / 0 zoom in, out and back to the start, and W shows it whole.
//
// The view is a centre (cx, cy, in drawing units) and a scale (screen px per unit); the viewBox
// follows from them and the element's size, so the view survives the element being resized.

const MIN_SCALE = 0.1;
const MAX_SCALE = 4;
const STEP = 1.25;

// bounds: {x, y, width, height} of the drawing; start(): {cx, cy, scale} of the starting view.
export function panZoom(element, bounds, start) {
  let view = start();
  const pointers = new Map(); // pointerId → last {x, y}, for drag and pinch

  function clamp() {
    view.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale));
    view.cx = Math.min(bounds.x + bounds.width, Math.max(bounds.x, view.cx)); // never lose the drawing
    view.cy = Math.min(bounds.y + bounds.height, Math.max(bounds.y, view.cy));
  }

  function apply() {
    const width = element.clientWidth || 1;
    const height = element.clientHeight || 1;
    clamp();
    const w = width / view.scale;
    const h = height / view.scale;
    element.setAttribute("viewBox", `${view.cx - w / 2} ${view.cy - h / 2} ${w} ${h}`);
  }

  // Zoom by factor, keeping the drawing point under (px, py) (px relative to the element) where it is.
  function zoom(factor, px = element.clientWidth / 2, py = element.clientHeight / 2) {
    const before = view.scale;
    const after = Math.min(MAX_SCALE, Math.max(MIN_SCALE, before * factor));
    const dx = px - element.clientWidth / 2;
    const dy = py - element.clientHeight / 2;
    view.cx += dx / before - dx / after;
    view.cy += dy / before - dy / after;
    view.scale = after;
    apply();
  }

  function pan(dx, dy) { // in screen px
    view.cx -= dx / view.scale;
    view.cy -= dy / view.scale;
    apply();
  }

  function local(event) {
    const box = element.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  // The wheel zooms once the drawing has the focus (a click gives it), or with Ctrl (a trackpad's pinch):
  // until then it scrolls the page, which a drawing under the pointer must not take over.
  element.addEventListener("wheel", (event) => {
    if (!event.ctrlKey && !event.metaKey && document.activeElement !== element) return;
    event.preventDefault();
    const { x, y } = local(event);
    const lines = event.deltaMode === 1 ? 16 : 1;
    zoom(Math.exp(-event.deltaY * lines * 0.0015), x, y);
  }, { passive: false });

  element.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    element.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, local(event));
    element.classList.add("is-dragging");
  });

  element.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const now = local(event);
    if (pointers.size === 2) { // pinch: zoom by the change in distance, about the fingers' midpoint
      const [other] = [...pointers].filter(([id]) => id !== event.pointerId).map(([, p]) => p);
      const before = Math.hypot(last.x - other.x, last.y - other.y) || 1;
      const after = Math.hypot(now.x - other.x, now.y - other.y) || 1;
      zoom(after / before, (now.x + other.x) / 2, (now.y + other.y) / 2);
      pan((now.x - last.x) / 2, (now.y - last.y) / 2);
    } else {
      pan(now.x - last.x, now.y - last.y);
    }
    pointers.set(event.pointerId, now);
  });

  const release = (event) => {
    pointers.delete(event.pointerId);
    if (!pointers.size) element.classList.remove("is-dragging");
  };
  element.addEventListener("pointerup", release);
  element.addEventListener("pointercancel", release);

  element.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [40, 0], ArrowRight: [-40, 0], ArrowUp: [0, 40], ArrowDown: [0, -40] };
    if (moves[event.key]) pan(...moves[event.key]);
    else if (event.key === "+" || event.key === "=") zoom(STEP);
    else if (event.key === "-" || event.key === "_") zoom(1 / STEP);
    else if (event.key === "0") reset();
    else if (event.key === "w" || event.key === "W") whole();
    else return;
    event.preventDefault();
  });

  function reset() {
    view = start();
    apply();
  }

  function whole() { // all of the drawing, however small that makes it
    const fit = Math.min(element.clientWidth / bounds.width, element.clientHeight / bounds.height);
    view = { cx: bounds.x + bounds.width / 2, cy: bounds.y + bounds.height / 2, scale: Math.min(1, fit) };
    apply();
  }

  new ResizeObserver(apply).observe(element);
  apply();

  return {
    zoomIn: () => zoom(STEP),
    zoomOut: () => zoom(1 / STEP),
    reset,
    whole,
  };
}
