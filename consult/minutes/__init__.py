"""Minutes (会议纪要): gathering, the Word document, draft → approved versions, views and the CLI command."""
