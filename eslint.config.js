// ESLint (flat config): `make lint`, and so `make test`. The page, its workers and the Node scripts.
import js from "@eslint/js";
import globals from "globals";

// What vite.config.js's `define` replaces at build time.
const BUILD_CONSTANTS = {
  __PYTHON_FILES__: "readonly", __PYTHON_SIZES__: "readonly", __RELEASE__: "readonly",
  __SERVICE_WORKER_BUILD__: "readonly",
};

export default [
  { ignores: ["dist/", "build/", "node_modules/", ".venv/", "tests/**/node_modules/"] },
  js.configs.recommended,
  {
    files: ["static/**/*.js"],
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...BUILD_CONSTANTS } },
  },
  {
    files: ["static/offline/sw.js"],
    languageOptions: { globals: { ...globals.serviceworker, ...BUILD_CONSTANTS } },
  },
  {
    files: ["scripts/**/*.mjs", "scripts/**/*.js", "bench/**/*.mjs", "*.js", "tests/**/*.mjs", "tests/**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  { rules: { "no-unused-vars": ["error", { ignoreRestSiblings: true }] } },
  // It finds control characters in what learner code printed, on purpose.
  { files: ["static/results/learner-text.js"], rules: { "no-control-regex": "off" } },
];
