#!/usr/bin/env bash
# Vendor the browser libraries of the web pages from the npm registry into the package (and axe-core,
# for the accessibility test only, into tests/web/vendor). Run it to upgrade a version below, then commit
# the files it writes: the server never loads anything from a CDN, and installing selon needs no npm.
#   Vega, Vega-Lite, vega-embed: the charts; vega-interpreter: evaluates Vega expressions without eval,
#   so the pages' Content-Security-Policy needs no 'unsafe-eval'. Its npm build is an ES module importing
#   vega-util; here it becomes a classic script reading those three names from the `vega` global.
set -euo pipefail
cd "$(dirname "$0")/.."
VEGA=6.4.0 VEGA_LITE=6.4.3 VEGA_EMBED=7.3.0 VEGA_INTERPRETER=2.3.2 AXE=4.14.1 SWAGGER_UI=5.35.0
OUT=src/selon/api/static/vendor
TEST_OUT=tests/web/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT" "$TEST_OUT"
fetch() {  # fetch NAME VERSION: unpack the package into $work/NAME
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null && mkdir -p "$1" && tar xzf "$1-$2.tgz" -C "$1")
}
fetch vega "$VEGA"; fetch vega-lite "$VEGA_LITE"; fetch vega-embed "$VEGA_EMBED"
fetch vega-interpreter "$VEGA_INTERPRETER"; fetch axe-core "$AXE"; fetch swagger-ui-dist "$SWAGGER_UI"
# the API documentation page (/docs): Swagger UI, served from the package like everything else
cp "$work/swagger-ui-dist/package/swagger-ui-bundle.js" "$OUT/swagger-ui-bundle.js"
cp "$work/swagger-ui-dist/package/swagger-ui.css" "$OUT/swagger-ui.css"
cp "$work/swagger-ui-dist/package/LICENSE" "$OUT/LICENSE.swagger-ui.txt"
cp "$work/vega/package/build/vega.min.js" "$OUT/vega.min.js"
cp "$work/vega-lite/package/build/vega-lite.min.js" "$OUT/vega-lite.min.js"
cp "$work/vega-embed/package/build/vega-embed.min.js" "$OUT/vega-embed.min.js"
{
  echo "/* vega-interpreter $VEGA_INTERPRETER (BSD-3-Clause), wrapped as a classic script by scripts/vendor_web.sh */"
  echo "(function (vega) {"
  echo "const { ascending, isString, DisallowedObjectProperties } = vega;"
  grep -v -e "^import " -e "^export " -e "sourceMappingURL" "$work/vega-interpreter/package/build/vega-interpreter.js"
  echo "vega.expressionInterpreter = expression;"
  echo "})(window.vega);"
} > "$OUT/vega-interpreter.js"
for pkg in vega vega-lite vega-embed vega-interpreter; do cp "$work/$pkg/package/LICENSE" "$OUT/LICENSE.$pkg.txt"; done
cp "$work/axe-core/package/axe.min.js" "$TEST_OUT/axe.min.js"
cp "$work/axe-core/package/LICENSE" "$TEST_OUT/LICENSE.axe-core.txt"
cat > "$OUT/VERSIONS.txt" <<TXT
Vendored from the npm registry by scripts/vendor_web.sh; do not edit by hand.
vega $VEGA
vega-lite $VEGA_LITE
vega-embed $VEGA_EMBED
vega-interpreter $VEGA_INTERPRETER (ES module wrapped as a classic script)
swagger-ui-dist $SWAGGER_UI (swagger-ui-bundle.js, swagger-ui.css)
TXT
echo "axe-core $AXE (tests only), vendored from the npm registry by scripts/vendor_web.sh" > "$TEST_OUT/VERSION.txt"
echo "vendor_web: wrote $OUT and $TEST_OUT" >&2
