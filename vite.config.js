import { defineConfig } from "vite";

// Pyodide's interrupt buffer needs a cross-origin isolated page.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  publicDir: "build/public", // Pyodide, pytest's wheels and our Python (scripts/build_public.py)
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  worker: { format: "es" },
  server: { headers: isolation },
  preview: { headers: isolation },
});
