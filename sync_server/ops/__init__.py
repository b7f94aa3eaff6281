"""What the server does, independent of HTTP: called by the API views, the CLI and tests."""
