"""My Account's tests send requests through the online forms as residents do (tests/casework)."""
from tests.casework.conftest import clear_rate_limits, missed_bin_form  # noqa: F401 (fixtures)
