#!/usr/bin/env bash
# The whole test suite. Installs the open-source EDA tools the hardware tests need (Debian
# packages) when one is missing, then runs every test of the workspace in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in iverilog verilator yosys nextpnr-ice40 icetime; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing EDA tools (missing: ${missing[*]})" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y iverilog verilator yosys nextpnr-ice40 fpga-icestorm
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --release --lib --bins --tests "$@" 2>&1 | tee "$log" || status=$?
# One closing line over every test binary.
awk '/^test result:/ { p += $4; f += $6 } END { printf "all tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
