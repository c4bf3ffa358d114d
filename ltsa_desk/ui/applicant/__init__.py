"""The applicant page: its data tab, documents, letters, scan inbox and preview."""
