"""csv-center-splitter: the gear's app package (run.py gathers the arguments, main.py does the work)."""
