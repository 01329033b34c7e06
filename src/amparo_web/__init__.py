"""Amparo's web app: a Django project over the ``amparo`` core (which never imports Django)."""
