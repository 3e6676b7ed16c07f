"""The explorer's support code: language, cached data access, graph views. Pages stay thin."""
