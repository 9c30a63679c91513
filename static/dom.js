// Small DOM helpers for the page's views. Text goes in as text (textContent), never as HTML.

// props: the element's properties (textContent, className, ...); dataset: its data-* attributes.
export function el(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  Object.assign(node.dataset, dataset);
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
