#!/usr/bin/env python
"""Django's command-line utility for the Customer Connect website."""
import os
import sys
from pathlib import Path

# `site` clashes with the standard-library module, so the folder is not a package:
# its Python code lives in the packages inside it (site/customer_connect/, the
# configuration, and one folder per app beside it), so site/ is put on the import
# path here (and in pytest's `pythonpath`, gunicorn's `--pythonpath`).
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "customer_connect.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
