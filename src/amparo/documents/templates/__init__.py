"""The default DOCX templates; ``build.py`` makes them."""
