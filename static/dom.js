// Small DOM helpers for the graph and Run code views. Text goes in as text (textContent), never as HTML.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children.filter((child) => child != null && child !== ""));
  return node;
}

const SVG = "http://www.w3.org/2000/svg";

// An SVG element: attrs are set as attributes (numbers allowed); text, if given, as its textContent.
export function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value != null) node.setAttribute(name, String(value));
  }
  if (text != null) node.textContent = text;
  return node;
}
