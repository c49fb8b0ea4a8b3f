// Bundles the web app (src/main.ts + CSS) into dist/ with esbuild; run by scripts/bootstrap.sh.
// node build.mjs [--watch]
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });
const options = {
  entryPoints: { app: join(here, "src/main.ts") },
  outdir: dist,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  // generated/ts lives outside web/: its imports of @bufbuild/protobuf resolve to web/node_modules
  nodePaths: [join(here, "node_modules")],
  logLevel: "warning",
};
copyFileSync(join(here, "index.html"), join(dist, "index.html"));
if (process.argv.includes("--watch")) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
