"""The gear list: every folder under gears/ (`./dev buildcheck` fails when they differ)."""

# Folder names under gears/; `./dev new-gear` adds to it. //:push and //:load run
# every gear's :push and :load.
GEARS = [
    "csv_center_splitter",
    "project_management",
]
