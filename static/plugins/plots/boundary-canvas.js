// The decision boundary on a canvas: the score function's grid (computed in Python) as a soft image, and the data on
// top. Two classes: blue where the score is above 0 (label 1's side), orange below; circles for label 1, triangles
// for −1. More classes: each place in the colour of the class the model picks (blue, orange, green), and each point
// a circle, triangle or square by its class, so that classes tell apart without colour too.

const SIZE = 260; // CSS pixels, square
const CLASS_COLOURS = ["--plot-this", "--plot-previous", "--plot-third"];
const MARKERS = ["circle", "triangle", "square"];

function rgb(colour) {
  const hex = colour.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) || 0);
}

// The colour and the marker of each region and point: [rgb, alpha] for a grid value, [rgb, marker] for a label.
function palette({ classes }, colour) {
  if (!classes) {
    const [positive, negative] = [rgb(colour("--plot-this")), rgb(colour("--plot-previous"))];
    return {
      region: (value) => [value > 0 ? positive : negative, 0.15 + 0.35 * Math.min(1, Math.abs(value))],
      point: (label) => (label > 0 ? [positive, "circle"] : [negative, "triangle"]),
    };
  }
  const colours = CLASS_COLOURS.map((name) => rgb(colour(name)));
  const of = (k) => colours[k % colours.length];
  return {
    region: (value) => [of(value), 0.35],
    point: (label) => [of(label), MARKERS[label % MARKERS.length]],
  };
}

function mark(context, shape, x, y) {
  context.beginPath();
  if (shape === "circle") context.arc(x, y, 3.5, 0, 2 * Math.PI);
  else if (shape === "square") context.rect(x - 3.5, y - 3.5, 7, 7);
  else {
    context.moveTo(x, y - 4.5);
    context.lineTo(x + 4, y + 3);
    context.lineTo(x - 4, y + 3);
    context.closePath();
  }
}

export function drawBoundary(canvas, boundary, style) {
  const { x, y, n, values, points, labels } = boundary;
  const colours = palette(boundary, (name) => style.getPropertyValue(name).trim());
  const ratio = window.devicePixelRatio || 1;
  canvas.width = canvas.height = SIZE * ratio;
  canvas.style.width = canvas.style.height = `${SIZE}px`;
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const grid = new OffscreenCanvas(n, n);
  const pixels = new ImageData(n, n);
  values.forEach((value, i) => {
    const row = n - 1 - Math.floor(i / n); // Python's first row is the bottom one
    const [colour, alpha] = colours.region(value);
    pixels.data.set([...colour, Math.round(255 * alpha)], (row * n + (i % n)) * 4);
  });
  grid.getContext("2d").putImageData(pixels, 0, 0);
  context.clearRect(0, 0, SIZE, SIZE);
  context.imageSmoothingEnabled = true;
  context.drawImage(grid, 0, 0, SIZE, SIZE);
  const px = (v) => ((v - x[0]) / (x[1] - x[0])) * SIZE;
  const py = (v) => SIZE - ((v - y[0]) / (y[1] - y[0])) * SIZE;
  context.lineWidth = 1;
  context.strokeStyle = style.getPropertyValue("--fg").trim();
  points.forEach(([a, b], i) => {
    const [colour, shape] = colours.point(labels[i]);
    mark(context, shape, px(a), py(b));
    context.fillStyle = `rgb(${colour.join(",")})`;
    context.fill();
    context.stroke();
  });
}
