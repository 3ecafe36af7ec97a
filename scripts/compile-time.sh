#!/usr/bin/env bash
# Compares the compile time of `#[derive(Statement)]` with serde's `Serialize` + `Deserialize` on
# the same 300-line statement (issue 10). Generates two throwaway crates under target/, builds the
# dependencies once, then times `cargo build` of each crate alone (touching its source), N times
# (N=5 by default), and prints the median of each.
#
#   scripts/compile-time.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
n=${1:-5}
work=$root/target/compile-time
mkdir -p "$work"

gen_fields() { # $1: statement | serde
    for i in $(seq 1 300); do
        if [ "$1" = statement ]; then
            if [ "$i" = 300 ]; then
                echo "    #[line(label = \"Line 300\", total = line_1 + line_2 + line_3)]"
            else
                echo "    #[line(label = \"Line $i\")]"
            fi
            echo "    line_$i: Money<Rmb, Duration>,"
        else
            echo "    #[serde(rename = \"Line $i\")]"
            echo "    line_$i: i64,"
        fi
    done
}

mk() { # $1: name, $2: dependencies, $3: header, $4: derive, $5: statement | serde
    local d=$work/$1
    mkdir -p "$d/src"
    cat > "$d/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[workspace]
TOML
    {
        echo "$3"
        echo "$4"
        echo "pub struct Big {"
        gen_fields "$5"
        echo "}"
    } > "$d/src/lib.rs"
}

mk ct-statement "statement-core = { path = \"$root/statement-core\" }" \
    "#![allow(dead_code)]
use statement_core::{Duration, Money, Rmb, Statement};" \
    "#[derive(Statement)]
#[statement(title = \"Big\")]" statement
mk ct-serde "serde = { version = \"1\", features = [\"derive\"] }" \
    "#![allow(dead_code)]
use serde::{Deserialize, Serialize};" \
    "#[derive(Serialize, Deserialize)]" serde

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for c in ct-statement ct-serde; do
    (cd "$work/$c" && CARGO_TARGET_DIR=$work/target cargo build --quiet --offline 2>/dev/null \
        || CARGO_TARGET_DIR=$work/target cargo build --quiet)
    times=$(for _ in $(seq 1 "$n"); do
        touch "$work/$c/src/lib.rs"
        s=$(date +%s.%N)
        (cd "$work/$c" && CARGO_TARGET_DIR=$work/target cargo build --quiet)
        e=$(date +%s.%N)
        echo "$e - $s" | bc
    done | median)
    echo "$c: 300-line struct, median of $n debug builds: ${times} s"
done
