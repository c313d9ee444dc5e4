// Placeholder until the viewer lands: the viewer helper replaces this file with the esbuild build.
