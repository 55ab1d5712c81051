"""The address list: addresses (UPRN, postcode, coordinates), their bin collection round and ward, and the
wards' councillors. Loaded by `manage.py load_addresses`; read by the bin-day and councillor tools on the
website (cms_pages) and by the assistant's web API. Imports nothing of the project but `kit`."""
