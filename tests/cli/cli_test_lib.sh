# Shared by the CLI's shell tests (sourced, with the milr binary as its argument): $milr, a scratch folder that is
# the working directory and is removed at exit, and fail() counting failures in $failures.
milr="$(readlink -f "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
