// The decision boundary on a canvas: the score function's grid (computed in Python) as a soft image, blue where its score
// is above 0 (label 1's side), orange below, and the data on top: circles for label 1, triangles for −1, so that
// the two tell apart without colour too.

const SIZE = 260; // CSS pixels, square

function rgb(colour) {
  const hex = colour.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) || 0);
}

export function drawBoundary(canvas, { x, y, n, values, points, labels }, style) {
  const colour = (name) => style.getPropertyValue(name).trim();
  const ratio = window.devicePixelRatio || 1;
  canvas.width = canvas.height = SIZE * ratio;
  canvas.style.width = canvas.style.height = `${SIZE}px`;
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  const [positive, negative] = [rgb(colour("--plot-this")), rgb(colour("--plot-previous"))];
  const grid = new OffscreenCanvas(n, n);
  const pixels = new ImageData(n, n);
  values.forEach((value, i) => {
    const row = n - 1 - Math.floor(i / n); // Python's first row is the bottom one
    const at = (row * n + (i % n)) * 4;
    pixels.data.set([...(value > 0 ? positive : negative), Math.round(255 * (0.15 + 0.35 * Math.min(1, Math.abs(value))))], at);
  });
  grid.getContext("2d").putImageData(pixels, 0, 0);
  context.clearRect(0, 0, SIZE, SIZE);
  context.imageSmoothingEnabled = true;
  context.drawImage(grid, 0, 0, SIZE, SIZE);
  const px = (v) => ((v - x[0]) / (x[1] - x[0])) * SIZE;
  const py = (v) => SIZE - ((v - y[0]) / (y[1] - y[0])) * SIZE;
  context.lineWidth = 1;
  context.strokeStyle = colour("--fg");
  points.forEach(([a, b], i) => {
    context.beginPath();
    if (labels[i] > 0) context.arc(px(a), py(b), 3.5, 0, 2 * Math.PI);
    else {
      context.moveTo(px(a), py(b) - 4.5);
      context.lineTo(px(a) + 4, py(b) + 3);
      context.lineTo(px(a) - 4, py(b) + 3);
      context.closePath();
    }
    context.fillStyle = `rgb(${(labels[i] > 0 ? positive : negative).join(",")})`;
    context.fill();
    context.stroke();
  });
}
