// The problem statement: our own Markdown, with $…$ and $$…$$ math typeset by KaTeX (markdown.js).

import "katex/dist/katex.min.css";
import { statementHtml } from "./markdown.js";

export function renderStatement({ problem, markdown, titleEl, difficultyEl, bodyEl }) {
  titleEl.textContent = problem.title;
  difficultyEl.textContent = `Difficulty: ${problem.difficulty}`;
  difficultyEl.dataset.difficulty = String(problem.difficulty).toLowerCase();
  document.title = `${problem.title} · Autograd Playground`;
  // Our own Markdown from the repository, never the learner's text: innerHTML is safe here.
  bodyEl.innerHTML = statementHtml(markdown);
}
