"""Reading ESR staff-in-post extracts: columns, values, files and rows.

Plain Python with no ORM, so it is fast and easy to test. The service that writes what it reads
is workforce.services.esr_import.esr_extract_import.
"""
