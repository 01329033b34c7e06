"""Small helpers with no models."""
