"""Forms of the plan pages, one module per kind of page. They own input validation; the services own the
rules of the data (and the forms call the services' checks, so a page says what the service would)."""
