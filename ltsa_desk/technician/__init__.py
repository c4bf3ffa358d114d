"""The technician's tools: health check, support bundle, backup, connection test, moving a
counter."""
