#!/usr/bin/env bash
# Build the front-end assets the portal serves from static/ (never from a CDN):
# - static/build/portal.css: NHS.UK frontend compiled from its Sass source with the portal's additions;
# - static/vendor/nhsuk: NHS.UK frontend's JavaScript module and images.
# Needs `npm ci` first; the Makefile runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/nhsuk-frontend/dist/nhsuk
if [ ! -f "$src/nhsuk-frontend.min.js" ] || [ ! -x node_modules/.bin/sass ]; then
  echo "Front-end packages are not installed: run 'npm ci' first" >&2
  exit 1
fi
rm -rf static/vendor/nhsuk static/build
mkdir -p static/vendor/nhsuk/images static/build
cp "$src/nhsuk-frontend.min.js" static/vendor/nhsuk/
cp "$src/assets/images/"* static/vendor/nhsuk/images/
node_modules/.bin/sass --no-source-map --style=compressed --load-path=node_modules --quiet-deps \
  frontend/portal.scss static/build/portal.css
