// The problem statement: its title and difficulty from problem.json, its Markdown (markdown.js) below them.

import "katex/dist/katex.min.css";
import { renderMarkdown } from "./markdown.js";

export function renderStatement({ problem, markdown, titleEl, difficultyEl, bodyEl }) {
  titleEl.textContent = problem.title;
  difficultyEl.textContent = `Difficulty: ${problem.difficulty}`;
  difficultyEl.dataset.difficulty = String(problem.difficulty).toLowerCase();
  // Our own Markdown from the repository, never the learner's text: innerHTML is safe here.
  bodyEl.innerHTML = renderMarkdown(markdown);
}
