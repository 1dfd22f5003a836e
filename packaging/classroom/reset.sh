#!/bin/sh
# Clear the students' training cases between classes (the workstation and the packs stay).
#   sh reset.sh [FOLDER]    FOLDER defaults to ~/forensic-training (where the course asks
#                           students to keep their exercise cases); run it as each student user,
#                           or as root with FOLDER naming each student's folder.
# Only training cases are removed: a folder holding a casework case is left alone and named.
set -eu
folder="${1:-$HOME/forensic-training}"
[ -d "$folder" ] || { echo "Nothing to clear: $folder does not exist."; exit 0; }
kept=0; removed=0
for case_dir in "$folder"/*/; do
  [ -f "$case_dir/case.sqlite" ] || continue
  if python3 - "$case_dir/case.sqlite" <<'PY'
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
try:
    row = conn.execute("SELECT training FROM case_info").fetchone()
except sqlite3.Error:
    row = None
sys.exit(0 if row and row[0] else 1)
PY
  then rm -rf "$case_dir"; removed=$((removed + 1))
  else echo "Kept $case_dir: it is not a training case."; kept=$((kept + 1)); fi
done
echo "Removed $removed training case(s) from $folder; kept $kept other folder(s)."
