"""csv-center-splitter: the app package (run.py gathers the arguments, main.py does the work)."""
