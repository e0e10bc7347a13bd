#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml). Inputs arrive as PLINTH_* environment variables and
# are never spliced into a script, so a path or branch name from a pull request cannot run.
#   report  the job summary and the SARIF file for code scanning; findings never fail this step,
#           so the upload that follows it runs even when the lint will fail.
#   lint    the lint in the chosen format; exits 1 on a finding at --fail-on or above.
set -euo pipefail
plinth=(node "$GITHUB_ACTION_PATH/bin/plinth.js" lint)
extra=()
if [ -n "${PLINTH_CONFIG:-}" ]; then extra+=(--config "$PLINTH_CONFIG"); fi
if [ "${PLINTH_ONLINE:-false}" = true ]; then extra+=(--online); fi
# The paths input: one path per line, blanks around each and blank lines ignored.
paths=()
while IFS= read -r p; do
  p="${p#"${p%%[![:space:]]*}"}"
  p="${p%"${p##*[![:space:]]}"}"
  if [ -n "$p" ]; then paths+=("$p"); fi
done <<< "${PLINTH_PATHS:-.}"
if [ ${#paths[@]} -eq 0 ]; then paths=(.); fi
case "${1:-}" in
  report)
    if [ "${PLINTH_SUMMARY:-false}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      "${plinth[@]}" --format markdown --fail-on none "${extra[@]}" -- "${paths[@]}" >> "$GITHUB_STEP_SUMMARY" || true
    fi
    if [ "${PLINTH_UPLOAD_SARIF:-false}" = true ]; then
      sarif="${RUNNER_TEMP:?RUNNER_TEMP is not set}/plinth.sarif"
      "${plinth[@]}" --format sarif --fail-on none "${extra[@]}" -- "${paths[@]}" > "$sarif"
      echo "sarif=$sarif" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
    fi
    ;;
  lint)
    if [ -n "${PLINTH_OUTPUT:-}" ]; then
      "${plinth[@]}" --format "$PLINTH_FORMAT" --fail-on "$PLINTH_FAIL_ON" "${extra[@]}" -- "${paths[@]}" > "$PLINTH_OUTPUT"
    else
      "${plinth[@]}" --format "$PLINTH_FORMAT" --fail-on "$PLINTH_FAIL_ON" "${extra[@]}" -- "${paths[@]}"
    fi
    ;;
  *)
    echo "action.sh: report or lint" >&2
    exit 2
    ;;
esac
